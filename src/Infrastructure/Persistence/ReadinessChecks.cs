using ChannelBridge.Infrastructure.Webhooks;
using Dapper;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace ChannelBridge.Infrastructure.Persistence;

/// <summary>Readiness: every embedded migration script is journaled (a node started on an older schema is not ready).</summary>
internal sealed class MigrationsHealthCheck(DbConnectionFactory connections) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var expected = typeof(DatabaseMigrator).Assembly.GetManifestResourceNames().Count(n => n.Contains($".Migrations.{connections.Provider}.", StringComparison.Ordinal));
        try
        {
            await using var connection = await connections.OpenAsync(cancellationToken);
            var applied = await connection.ExecuteScalarAsync<int>(new CommandDefinition("SELECT COUNT(*) FROM SchemaVersions", cancellationToken: cancellationToken));
            return applied >= expected
                ? HealthCheckResult.Healthy($"{applied} migrations applied.")
                : HealthCheckResult.Unhealthy($"{applied} of {expected} migrations applied; run a node with Database:MigrateOnStartup.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("The migration journal cannot be read.", ex);
        }
    }
}

/// <summary>Readiness: the webhook delivery worker is turning (or is switched off on this node).</summary>
internal sealed class WebhookWorkerHealthCheck(WebhookDeliveryService worker, IOptions<WebhookOptions> options, TimeProvider time) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!worker.Enabled)
        {
            return Task.FromResult(HealthCheckResult.Healthy("Webhook delivery is off on this node."));
        }

        // A lease's requests can take a while (three tries of the request timeout); longer than that without a turn is stuck.
        var stuckAfter = (options.Value.RequestTimeout * 3 * options.Value.BatchSize) + options.Value.PollInterval + TimeSpan.FromSeconds(30);
        return Task.FromResult(worker.LastHeartbeat is { } beat && time.GetUtcNow() - beat < stuckAfter
            ? HealthCheckResult.Healthy("Webhook delivery is running.")
            : HealthCheckResult.Degraded(worker.LastHeartbeat is null ? "Webhook delivery has not started." : "Webhook delivery has not turned for a while."));
    }
}
