using ChannelBridge.Infrastructure.Persistence;
using ChannelBridge.Tests;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChannelBridge.Api.FunctionalTests;

/// <summary>
/// The service with its SQLite writes sent in batches, as SQL Server's are (ADR-045, <see cref="SqliteBatches"/>): the
/// whole pipeline over the repositories' batched path, which SQLite alone never takes.
/// </summary>
public sealed class BatchingApiFactory : ApiFactory
{
    internal SqliteBatches Batches { get; } = new();

    protected override void ReplaceServices(IServiceCollection services) =>
        services.AddSingleton(sp => new DbConnectionFactory(sp.GetRequiredService<IOptions<DatabaseOptions>>()) { SqliteBatches = Batches.Create });
}
