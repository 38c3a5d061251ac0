using ChannelBridge.Application.Config;
using Dapper;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChannelBridge.Infrastructure.Persistence.Maintenance;

/// <summary>
/// Deletes integrations that are of no use to anyone: made by AddNewUser (which takes no credentials) and never linked to a
/// store, or deleted by Linnworks, and untouched for <see cref="IntegrationsOptions.UnusedRetentionDays"/> —
/// neither changed (the wizard, the deletion) nor called with their token (<c>IntegrationActivity</c>). AddNewUser is
/// limited per address; this bounds what many addresses together leave behind, and keeps no seller's email longer than
/// the integration is of use. A seller who comes back to a wizard left that long adds the channel again.
/// <para>
/// In batches, each in one transaction: the candidates are read first, then each is deleted only at the version it was
/// read at, its children with it, so an integration saved meanwhile (linked, a step of its wizard) is left whole.
/// </para>
/// </summary>
internal sealed partial class UnusedIntegrationSweeper(
    DbConnectionFactory connections, IOptions<IntegrationsOptions> options, TimeProvider time, ILogger<UnusedIntegrationSweeper> logger)
{
    /// <summary>Integrations a batch deletes at most: each is four short statements in the batch's transaction.</summary>
    public const int DefaultBatchSize = 500;

    private const string SelectUnused = """
        SELECT /*TOP*/ u.Id, u.Version FROM UserConfigs u
        WHERE (u.StoreId IS NULL OR u.IsDeleted = 1) AND u.UpdatedUtc < @Cutoff
          AND NOT EXISTS (SELECT 1 FROM IntegrationActivity a WHERE a.IntegrationId = u.Id AND a.LastCallUtc >= @Cutoff)
        ORDER BY u.Id
        /*LIMIT*/
        """;

    private const string DeleteValues = """
        DELETE FROM ConfigValues WHERE UserConfigId = @Id AND EXISTS (SELECT 1 FROM UserConfigs WHERE Id = @Id AND Version = @Version)
        """;

    private const string DeleteActivityHours = """
        DELETE FROM IntegrationActivityHours WHERE IntegrationId = @Id AND EXISTS (SELECT 1 FROM UserConfigs WHERE Id = @Id AND Version = @Version)
        """;

    private const string DeleteActivity = """
        DELETE FROM IntegrationActivity WHERE IntegrationId = @Id AND EXISTS (SELECT 1 FROM UserConfigs WHERE Id = @Id AND Version = @Version)
        """;

    private const string DeleteIntegration = "DELETE FROM UserConfigs WHERE Id = @Id AND Version = @Version";

    private readonly SqlDialect _dialect = SqlDialect.For(connections.Provider);

    /// <summary>Deletes the unused integrations in batches; returns how many.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken, int batchSize = DefaultBatchSize)
    {
        var total = await DeleteInBatches.PastRetentionAsync(options.Value.UnusedRetentionDays, time, batchSize, async cutoff =>
        {
            var batch = await NextBatchAsync(cutoff, batchSize, cancellationToken);
            return (batch.Count, batch.Count == 0 ? 0 : await DeleteAsync(batch, cancellationToken));
        });

        if (total > 0)
        {
            LogSwept(total, options.Value.UnusedRetentionDays);
        }

        return total;
    }

    private async Task<List<Candidate>> NextBatchAsync(DateTime cutoff, int batchSize, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var sql = _dialect.Render(SelectUnused);
        return [.. await connection.QueryAsync<Candidate>(new CommandDefinition(sql, new { Cutoff = cutoff, Limit = batchSize }, cancellationToken: cancellationToken))];
    }

    /// <summary>One batch in one transaction: the children of each integration still at its version, then the integration.</summary>
    private async Task<int> DeleteAsync(List<Candidate> batch, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        // A request for each statement where the provider sends batches (ADR-045).
        foreach (var children in new[] { DeleteValues, DeleteActivityHours, DeleteActivity })
        {
            await RepeatedStatement.ExecuteEachAsync(connection, tx, children, batch, cancellationToken);
        }

        var deleted = (await RepeatedStatement.ExecuteEachAsync(connection, tx, DeleteIntegration, batch, cancellationToken)).Sum();
        await tx.CommitAsync(cancellationToken);
        return deleted;
    }

    private sealed class Candidate
    {
        public string Id { get; init; } = string.Empty;

        public long Version { get; init; }
    }

    [LoggerMessage(LogLevel.Information, "Deleted {Count} integrations never linked to a store or deleted, unused for {Days} days")]
    private partial void LogSwept(int count, int days);
}
