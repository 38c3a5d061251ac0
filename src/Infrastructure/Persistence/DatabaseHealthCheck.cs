using Dapper;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ChannelBridge.Infrastructure.Persistence;

/// <summary>/health: the database answers a trivial query.</summary>
internal sealed class DatabaseHealthCheck(DbConnectionFactory connections) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = await connections.OpenAsync(cancellationToken);
            await connection.ExecuteScalarAsync<int>(new CommandDefinition("SELECT 1", cancellationToken: cancellationToken));
            return HealthCheckResult.Healthy($"{connections.Provider} answers.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"{connections.Provider} does not answer.", ex);
        }
    }
}
