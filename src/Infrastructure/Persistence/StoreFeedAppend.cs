using System.Data.Common;
using ChannelBridge.Domain.Orders;
using Dapper;

namespace ChannelBridge.Infrastructure.Persistence;

/// <summary>
/// The one way updates enter a store's feed (StoreUpdates). Each append marks the store's webhook pending in the same
/// transaction, so webhook delivery looks only at webhooks with something to send instead of asking every webhook's
/// feed (ADR-031). The caller holds the store's row (<see cref="StoreWriteLock"/>), as the release that clears the mark
/// does on SQL Server: a release either sees the appended update or is followed by its mark.
/// </summary>
internal static class StoreFeedAppend
{
    private const string Insert = """
        INSERT INTO StoreUpdates (StoreId, Type, ReceivedUtc, Payload, DedupKey) VALUES (@StoreId, @Type, @ReceivedUtc, @Payload, @DedupKey)
        """;

    private const string InsertReturningId = Insert + "; SELECT /*LAST_ID*/;";

    // Writes only when the mark changes: a store whose webhook is already pending, or that has none, costs a lookup.
    private const string MarkWebhook = "UPDATE StoreWebhooks SET Pending = 1 WHERE StoreId = @StoreId AND Pending = 0";

    public static async Task AppendAsync(DbConnection connection, DbTransaction tx, IReadOnlyCollection<StoreUpdate> updates, CancellationToken cancellationToken)
    {
        if (updates.Count == 0)
        {
            return;
        }

        await connection.ExecuteAsync(new CommandDefinition(
            Insert, updates.Select(u => new { u.StoreId, u.Type, u.ReceivedUtc, u.Payload, u.DedupKey }), tx, cancellationToken: cancellationToken));
        foreach (var storeId in updates.Select(u => u.StoreId).Distinct(StringComparer.Ordinal))
        {
            await MarkAsync(connection, tx, storeId, cancellationToken);
        }
    }

    /// <summary>Appends one update; its cursor (the row's id).</summary>
    public static async Task<long> AppendAsync(DbConnection connection, DbTransaction tx, SqlDialect dialect, StoreUpdate update, CancellationToken cancellationToken)
    {
        var cursor = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            dialect.Render(InsertReturningId), new { update.StoreId, update.Type, update.ReceivedUtc, update.Payload, update.DedupKey }, tx, cancellationToken: cancellationToken));
        await MarkAsync(connection, tx, update.StoreId, cancellationToken);
        return cursor;
    }

    private static Task MarkAsync(DbConnection connection, DbTransaction tx, string storeId, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(MarkWebhook, new { StoreId = storeId }, tx, cancellationToken: cancellationToken));
}
