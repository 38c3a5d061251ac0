using ChannelBridge.Domain.Orders;
using Dapper;

namespace ChannelBridge.Infrastructure.Persistence.Repositories;

internal sealed class StoreUpdateFeed(CallConnections connections) : IStoreUpdateFeed
{
    private const string SelectAfter = """
        SELECT /*TOP*/ Seq, StoreId, Type, ReceivedUtc, Payload, DedupKey
        FROM StoreUpdates WHERE StoreId = @StoreId AND Seq > @After ORDER BY Seq
        /*LIMIT*/
        """;

    private const string SelectAcked = "SELECT AckedCursor FROM StoreFeedCursors WHERE StoreId = @StoreId";

    private const string SelectHeldChars = "SELECT FeedChars FROM Stores WHERE Id = @StoreId";

    private const string AdvanceAcked = """
        UPDATE StoreFeedCursors SET AckedCursor = @Cursor WHERE StoreId = @StoreId AND AckedCursor < @Cursor
        """;

    private const string InsertAcked = """
        INSERT INTO StoreFeedCursors (StoreId, AckedCursor) SELECT @StoreId, @Cursor WHERE NOT EXISTS (SELECT 1 FROM StoreFeedCursors WHERE StoreId = @StoreId)
        """;

    private readonly SqlDialect _dialect = SqlDialect.For(connections.Provider);

    /// <summary>
    /// A page's payloads stop growing past this many characters (about 4 MB of JSON): it always holds the first entry,
    /// then no entry that would take it past. A listing job carries the listing as Linnworks sent it, up to the body
    /// limit, so a page of a thousand, or a webhook batch of fifty on each of the concurrent deliveries, would otherwise
    /// hold gigabytes.
    /// </summary>
    public const int PagePayloadChars = 4 * 1024 * 1024;

    public async Task<IReadOnlyList<StoreUpdate>> ReadAsync(string storeId, long? after, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var from = after ?? await connection.ExecuteScalarAsync<long?>(new CommandDefinition(SelectAcked, new { StoreId = storeId }, cancellationToken: cancellationToken)) ?? 0;
        var page = new List<StoreUpdate>();
        long chars = 0;
        // Unbuffered: the rows are read one at a time and the read stops at the budget.
        await foreach (var row in connection.QueryUnbufferedAsync<StoreUpdateRow>(
            _dialect.Render(SelectAfter), new { StoreId = storeId, After = from, Limit = limit }).WithCancellation(cancellationToken))
        {
            chars += row.Payload.Length;
            if (page.Count > 0 && chars > PagePayloadChars)
            {
                break;
            }

            page.Add(row.ToDomain());
        }

        return page;
    }

    public async Task<long> AcknowledgeAsync(string storeId, long cursor, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        var args = new { StoreId = storeId, Cursor = cursor };
        // The store's row first (the lock order of every write on a store): two first acknowledgements cannot
        // both find no cursor row and both insert one.
        await StoreWriteLock.TakeAsync(connection, tx, [storeId], cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(InsertAcked, args, tx, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(AdvanceAcked, args, tx, cancellationToken: cancellationToken));
        var acked = await connection.ExecuteScalarAsync<long>(new CommandDefinition(SelectAcked, args, tx, cancellationToken: cancellationToken));
        await tx.CommitAsync(cancellationToken);
        return acked;
    }

    public async Task<long> GetAcknowledgedAsync(string storeId, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long?>(new CommandDefinition(SelectAcked, new { StoreId = storeId }, cancellationToken: cancellationToken)) ?? 0;
    }

    /// <summary>Read where the call is about to write: inside the store's held writes, their transaction holds the store's row.</summary>
    public async Task<long> GetHeldCharsAsync(string storeId, CancellationToken cancellationToken)
    {
        await using var read = await connections.OpenForChangeAsync(cancellationToken);
        return await read.Connection.ExecuteScalarAsync<long?>(
            new CommandDefinition(SelectHeldChars, new { StoreId = storeId }, read.Transaction, cancellationToken: cancellationToken)) ?? 0;
    }
}
