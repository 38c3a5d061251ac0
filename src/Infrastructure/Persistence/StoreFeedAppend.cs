using System.Data.Common;
using ChannelBridge.Domain.Orders;
using Dapper;

namespace ChannelBridge.Infrastructure.Persistence;

/// <summary>
/// The one way updates enter a store's feed (StoreUpdates), numbered by their store (Seq, ADR-041). Each append marks the store's webhook pending in the same
/// transaction, so webhook delivery looks only at webhooks with something to send instead of asking every webhook's
/// feed (ADR-031). The caller holds the store's row (<see cref="StoreWriteLock"/>), as the release that clears the mark
/// does on SQL Server: a release either sees the appended update or is followed by its mark.
/// </summary>
internal static class StoreFeedAppend
{
    private const string Insert = """
        INSERT INTO StoreUpdates (StoreId, Seq, Type, ReceivedUtc, Payload, DedupKey) VALUES (@StoreId, @Seq, @Type, @ReceivedUtc, @Payload, @DedupKey)
        """;

    // Hands out the store's next @Count cursors and answers the last of them (ADR-041), and adds the entries' characters
    // to the store's counts (ADR-039): listing jobs' to ListingJobChars, the others' to FeedChars. The store's row is the
    // caller's already, so two appends to one store cannot be given the same numbers, and a rollback takes its numbers
    // and characters back.
    private const string Number = """
        UPDATE Stores SET FeedSeq = FeedSeq + @Count, FeedChars = FeedChars + @FeedChars, ListingJobChars = ListingJobChars + @ListingJobChars WHERE Id = @StoreId;
        SELECT FeedSeq FROM Stores WHERE Id = @StoreId
        """;

    // Writes only when the mark changes: a store whose webhook is already pending, or that has none, costs a lookup.
    private const string MarkWebhook = "UPDATE StoreWebhooks SET Pending = 1 WHERE StoreId = @StoreId AND Pending = 0";

    public static async Task AppendAsync(DbConnection connection, DbTransaction tx, SqlDialect dialect, IReadOnlyCollection<StoreUpdate> updates, CancellationToken cancellationToken)
    {
        if (updates.Count == 0)
        {
            return;
        }

        var rows = new List<Row>(updates.Count);
        foreach (var store in updates.GroupBy(u => u.StoreId, StringComparer.Ordinal))
        {
            var cursor = await NumberAsync(connection, tx, dialect, store.Key, [.. store], cancellationToken);
            rows.AddRange(store.Select(u => new Row(u, cursor++)));
            await MarkAsync(connection, tx, store.Key, cancellationToken);
        }

        await RepeatedStatement.ExecuteEachAsync(connection, tx, Insert, rows, cancellationToken);
    }

    /// <summary>Appends one update; its cursor.</summary>
    public static async Task<long> AppendAsync(DbConnection connection, DbTransaction tx, SqlDialect dialect, StoreUpdate update, CancellationToken cancellationToken)
    {
        var cursor = await NumberAsync(connection, tx, dialect, update.StoreId, [update], cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(Insert, new Row(update, cursor), tx, cancellationToken: cancellationToken));
        await MarkAsync(connection, tx, update.StoreId, cancellationToken);
        return cursor;
    }

    /// <summary>
    /// The first of the cursors the store's next <paramref name="updates"/> take. Each adds to the store's counts what the
    /// retention sweep takes off when it deletes it: a listing job its payload (ListingJobChars, with its listing feed's
    /// listings), any other entry its payload and key (FeedChars), counted as the sweep's statement measures them.
    /// </summary>
    private static async Task<long> NumberAsync(
        DbConnection connection, DbTransaction tx, SqlDialect dialect, string storeId, IReadOnlyList<StoreUpdate> updates, CancellationToken cancellationToken)
    {
        var args = new
        {
            StoreId = storeId,
            updates.Count,
            FeedChars = updates.Where(u => !StoreUpdateTypes.IsListingJob(u.Type)).Sum(u => dialect.CharsOf(u.Payload) + dialect.CharsOf(u.DedupKey)),
            ListingJobChars = updates.Where(u => StoreUpdateTypes.IsListingJob(u.Type)).Sum(u => dialect.CharsOf(u.Payload)),
        };
        var last = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(Number, args, tx, cancellationToken: cancellationToken))
            ?? throw new InvalidOperationException($"Store '{storeId}' has no row to number its feed by.");
        return last - updates.Count + 1;
    }

    private static Task MarkAsync(DbConnection connection, DbTransaction tx, string storeId, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(MarkWebhook, new { StoreId = storeId }, tx, cancellationToken: cancellationToken));

    /// <summary>A StoreUpdates row as it is inserted.</summary>
    private sealed record Row(string StoreId, long Seq, string Type, DateTime ReceivedUtc, string Payload, string DedupKey)
    {
        public Row(StoreUpdate update, long seq)
            : this(update.StoreId, seq, update.Type, update.ReceivedUtc, update.Payload, update.DedupKey)
        {
        }
    }
}
