namespace ChannelBridge.Domain.Orders;

/// <summary>The store's durable feed of updates from Linnworks, read with a cursor and acknowledged.</summary>
public interface IStoreUpdateFeed
{
    /// <summary>Entries after <paramref name="after"/> (or after the last acknowledged one when null), oldest first.</summary>
    Task<IReadOnlyList<StoreUpdate>> ReadAsync(string storeId, long? after, int limit, CancellationToken cancellationToken);

    /// <summary>Marks every entry up to <paramref name="cursor"/> delivered; never moves backwards. Returns the acknowledged cursor.</summary>
    Task<long> AcknowledgeAsync(string storeId, long cursor, CancellationToken cancellationToken);

    Task<long> GetAcknowledgedAsync(string storeId, CancellationToken cancellationToken);

    /// <summary>
    /// The characters (payloads and keys) of the entries the store's feed holds other than listing jobs, which are counted
    /// with their listing feeds; kept as entries are appended and deleted, so one row's read (ADR-039).
    /// </summary>
    Task<long> GetHeldCharsAsync(string storeId, CancellationToken cancellationToken);
}
