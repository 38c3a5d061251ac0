using Dapper;

namespace ChannelBridge.Infrastructure.Persistence.Maintenance;

/// <summary>
/// Where each store's live Linnworks Orders runs begin (ADR-005): the lowest change a run of one of its integrations,
/// started within <see cref="Queries.SnapshotPager.RunLifetime"/>, reaches back to. Such a run can see every order with a
/// change from there on, so <see cref="FinishedOrderPruner"/> leaves those orders for a later round. Kept per store, so a
/// run one store's integration starts far back holds back that store's deletions only.
/// </summary>
internal static class LiveOrderRuns
{
    // The paging state: in a file of its own on SQLite (ADR-021).
    private const string SelectReachingBack = """
        SELECT IntegrationId, MIN(FromSeq) AS FromSeq FROM PagingSessions
        WHERE RunKey LIKE 'orders:%' AND CreatedUtc >= @Live AND FromSeq <= @Through
        GROUP BY IntegrationId
        """;

    private const string SelectStores = "SELECT Id, StoreId FROM UserConfigs WHERE Id IN @Ids AND StoreId IS NOT NULL";

    /// <summary>
    /// For each store with a live Orders run reaching back to change <paramref name="through"/> or before, the lowest
    /// change its runs reach back to.
    /// </summary>
    public static async Task<Dictionary<string, long>> ReachingBackAsync(
        DbConnectionFactory connections, DateTime utcNow, long through, CancellationToken cancellationToken)
    {
        var live = utcNow - Queries.SnapshotPager.RunLifetime;
        List<(string IntegrationId, long FromSeq)> runs;
        await using (var paging = await connections.OpenPagingAsync(cancellationToken))
        {
            runs = [.. await paging.QueryAsync<(string, long)>(new CommandDefinition(
                SelectReachingBack, new { Live = live, Through = through }, cancellationToken: cancellationToken))];
        }

        var byStore = new Dictionary<string, long>(StringComparer.Ordinal);
        if (runs.Count == 0)
        {
            return byStore;
        }

        var fromOf = runs.ToDictionary(r => r.IntegrationId, r => r.FromSeq, StringComparer.Ordinal);
        await using var connection = await connections.OpenAsync(cancellationToken);
        foreach (var ids in fromOf.Keys.Chunk(500))
        {
            foreach (var (integrationId, storeId) in await connection.QueryAsync<(string, string)>(
                new CommandDefinition(SelectStores, new { Ids = ids }, cancellationToken: cancellationToken)))
            {
                byStore[storeId] = Math.Min(byStore.GetValueOrDefault(storeId, long.MaxValue), fromOf[integrationId]);
            }
        }

        return byStore;
    }
}
