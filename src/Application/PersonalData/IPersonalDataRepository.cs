namespace ChannelBridge.Application.PersonalData;

/// <summary>What the retention sweep and erasure requests need of storage beyond the order aggregate (ADR-018).</summary>
public interface IPersonalDataRepository
{
    /// <summary>Every store with its own retention (null: the service's default).</summary>
    Task<IReadOnlyList<StoreRetention>> GetRetentionsAsync(CancellationToken cancellationToken);

    /// <summary>One store's own retention; null when the store does not exist.</summary>
    Task<StoreRetention?> GetRetentionAsync(string storeId, CancellationToken cancellationToken);

    /// <summary>False when the store does not exist.</summary>
    Task<bool> SetRetentionAsync(string storeId, int? days, CancellationToken cancellationToken);

    /// <summary>Reference numbers of finished orders last changed before <paramref name="cutoff"/> that still hold personal data, oldest first.</summary>
    Task<IReadOnlyList<string>> FindFinishedBeforeAsync(string storeId, DateTime cutoff, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Reference numbers of orders still holding personal data whose stored content may carry <paramref name="email"/>
    /// (a text match: the caller checks each order).
    /// </summary>
    Task<IReadOnlyList<string>> FindByEmailAsync(string storeId, string email, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes feed entries received before <paramref name="cutoff"/> that the platform acknowledged or its webhook delivered,
    /// oldest first, at most <paramref name="limit"/>, stopping at the first delivered entry received after it (entries are
    /// received in order, so what follows is newer); how many.
    /// </summary>
    Task<int> DeleteDeliveredFeedAsync(string storeId, DateTime cutoff, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Writes an erasure to the store's audit. The retention's erasures of one UTC day are one row: a pass adds its counts
    /// (and its time) to the store's latest row when that is the day's retention row; a request is always a row of its own.
    /// </summary>
    Task RecordErasureAsync(ErasureRecord record, CancellationToken cancellationToken);

    /// <summary>The store's newest erasure records, newest first.</summary>
    Task<IReadOnlyList<ErasureRecord>> GetErasuresAsync(string storeId, int limit, CancellationToken cancellationToken);

    /// <summary>Takes or renews the named job's lease for <paramref name="owner"/>; false while another owner holds it.</summary>
    Task<bool> TryLeaseAsync(string job, string owner, TimeSpan leaseFor, CancellationToken cancellationToken);

    Task ReleaseLeaseAsync(string job, string owner, CancellationToken cancellationToken);

    /// <summary>
    /// After an erasure: leaves no copy of what was erased in the database's files (SQLite: the write-ahead log is
    /// checkpointed and truncated; freed pages are zeroed as they are freed). False when it could not finish now.
    /// </summary>
    Task<bool> ScrubAsync(CancellationToken cancellationToken);
}

public sealed record StoreRetention(string StoreId, int? Days);

/// <summary>An audit entry of one erasure: when, which store, why, how much. It holds no personal data.</summary>
public sealed record ErasureRecord(string StoreId, DateTime ErasedUtc, string Reason, int Orders, int FeedEntries)
{
    public const string Retention = "Retention";
    public const string Request = "Request";
}
