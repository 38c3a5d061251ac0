using ChannelBridge.Domain.Orders;
using ChannelBridge.Domain.Stores;
using ChannelBridge.Domain.UserConfigs;
using ChannelBridge.Infrastructure.Persistence;
using ChannelBridge.Infrastructure.Persistence.Repositories;
using ChannelBridge.Infrastructure.Persistence.Secrets;
using ChannelBridge.Tests;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ChannelBridge.Infrastructure.IntegrationTests;

/// <summary>A migrated database of one provider, and repositories over it.</summary>
public abstract class DatabaseFixture : IAsyncLifetime
{
    private DbConnectionFactory? _connections;
    private Persistence.Queries.SnapshotPager? _pager;
    private Persistence.Queries.PageBoundaryWriter? _boundaries;
    private readonly List<Persistence.Queries.PageBoundaryWriter> _otherNodesBoundaries = [];

    /// <summary>Why this provider cannot run here, or null if it can.</summary>
    public string? SkipReason { get; protected set; }

    internal DbConnectionFactory Connections => _connections ?? throw new InvalidOperationException("The database is not available: " + SkipReason);

    /// <summary>The connections of a call without a deadline, as repositories serving requests open them.</summary>
    internal CallConnections CallConnections => new(Connections, new Application.Common.Calls.CallContext());

    internal IDataProtectionProvider DataProtection { get; } = new EphemeralDataProtectionProvider();

    internal ConfigValueProtector Protector => new(DataProtection);

    internal Persistence.Maintenance.ChangeLogPruner Pruner => new(Connections, TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger<Persistence.Maintenance.ChangeLogPruner>.Instance);

    internal Webhooks.WebhookRepository Webhooks => new(CallConnections, DataProtection, TimeProvider.System);

    public IAccessTokenRepository AccessTokens => new AccessTokenRepository(CallConnections, TimeProvider.System);

    internal Persistence.KeyRing.DatabaseXmlRepository KeyRing => new(Connections, TimeProvider.System);

    public IUserConfigRepository UserConfigs => new UserConfigRepository(CallConnections, Protector);

    public IStoreRepository Stores => new StoreRepository(CallConnections);

    public IOrderRepository Orders => new OrderRepository(CallConnections);

    /// <summary>The service's own renderer (the Application's mapping and options), as the service builds it.</summary>
    public static Application.Orders.GetOrders.IOrderDownloadRenderer Renderer { get; } =
        new Microsoft.Extensions.DependencyInjection.ServiceCollection()
            .AddLogging()
            .AddApplication(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build())
            .BuildServiceProvider()
            .GetRequiredService<Application.Orders.GetOrders.IOrderDownloadRenderer>();

    public IStoreUpdateFeed Feed => new StoreUpdateFeed(CallConnections);

    public Domain.Listings.IListingRepository Listings => new ListingRepository(CallConnections, TimeProvider.System);

    /// <summary>One pager for the fixture, as the service has one (its memory of runs is part of paging).</summary>
    // This node and the others the tests play (AnotherNodesPagerAsync) serve the same runs, on either database.
    internal Persistence.Queries.SnapshotPager Pager => _pager ??= new Persistence.Queries.SnapshotPager(
        _boundaries = new Persistence.Queries.PageBoundaryWriter(Connections, Failures, NullLogger<Persistence.Queries.PageBoundaryWriter>.Instance), TimeProvider.System, Failures)
    {
        OtherNodesServeItsRuns = true,
    };

    private static Persistence.Resilience.DatabaseTransientFailures Failures { get; } =
        new(new Persistence.Resilience.StorageFaultMonitor(TimeProvider.System, NullLogger<Persistence.Resilience.StorageFaultMonitor>.Instance));

    public Application.Listings.IListingQueries ListingQueries => new Persistence.Queries.ListingQueries(CallConnections, Pager);

    public Application.Orders.IOrderQueries OrderQueries => new Persistence.Queries.OrderQueries(CallConnections, Pager);

    /// <summary>
    /// The Orders queries of another node, which has none of the integration's page boundaries: not in its memory (a pager
    /// of its own), and not in the database (not yet written behind by the node that served them, or lost in a restart),
    /// so it finds a page by counting the run's orders again.
    /// </summary>
    internal async Task<Application.Orders.IOrderQueries> AnotherNodesOrderQueriesAsync(string integrationId, int scanLimit = Persistence.Queries.OrderQueries.DefaultScanLimit) =>
        new Persistence.Queries.OrderQueries(CallConnections, await AnotherNodesPagerAsync(integrationId)) { ScanLimit = scanLimit };

    /// <summary>This node's Orders queries with pages that look at no more than <paramref name="scanLimit"/> changes each.</summary>
    internal Application.Orders.IOrderQueries OrderQueriesScanning(int scanLimit) => new Persistence.Queries.OrderQueries(CallConnections, Pager) { ScanLimit = scanLimit };

    /// <summary>The Products queries of another node without the integration's page boundaries (as <see cref="AnotherNodesOrderQueriesAsync"/>).</summary>
    internal async Task<Application.Listings.IListingQueries> AnotherNodesListingQueriesAsync(string integrationId) =>
        new Persistence.Queries.ListingQueries(CallConnections, await AnotherNodesPagerAsync(integrationId));

    private async Task<Persistence.Queries.SnapshotPager> AnotherNodesPagerAsync(string integrationId)
    {
        await using (var paging = await Connections.OpenPagingAsync(default))
        {
            await Dapper.SqlMapper.ExecuteAsync(paging, "DELETE FROM PageBoundaries WHERE IntegrationId = @IntegrationId", new { IntegrationId = integrationId });
        }

        var boundaries = new Persistence.Queries.PageBoundaryWriter(Connections, Failures, NullLogger<Persistence.Queries.PageBoundaryWriter>.Instance);
        lock (_otherNodesBoundaries)
        {
            _otherNodesBoundaries.Add(boundaries);
        }

        return new Persistence.Queries.SnapshotPager(boundaries, TimeProvider.System, Failures) { OtherNodesServeItsRuns = true };
    }

    /// <summary>A new store, and a Linnworks integration created and linked to it at <paramref name="created"/> (its wizard's first step).</summary>
    internal async Task<(string StoreId, string IntegrationId)> LinkedIntegrationAsync(DateTime created, string storeName = "Linked")
    {
        var (store, key) = Store.Create(storeName, created).Value;
        await Stores.SaveAsync(store, default);
        var (config, _) = UserConfig.Create("005d4263-5a0c-43ce-bdc5-526955604107", "seller@example.com", "Acct", WizardDefinition.Default, created).Value;
        await UserConfigs.SaveAsync(config, default);
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase) { ["StoreId"] = store.Id, ["StoreKey"] = key };
        if (!config.SaveStep("ConnectStore", values, WizardDefinition.Default, store.Access, created).IsSuccess)
        {
            throw new InvalidOperationException("The integration could not be linked to its store.");
        }

        await UserConfigs.SaveAsync(config, default);
        return (store.Id, config.Id);
    }

    public async Task InitializeAsync()
    {
        var options = await CreateOptionsAsync();
        if (options is null)
        {
            return;
        }

        _connections = CreateConnections(options);
        Migrate();
    }

    private protected virtual DbConnectionFactory CreateConnections(DatabaseOptions options) => new(Options.Create(options));

    /// <summary>The background boundary writer finishes first: it must not write into files a derived fixture deletes.</summary>
    public virtual async Task DisposeAsync()
    {
        if (_boundaries is not null)
        {
            await _boundaries.DisposeAsync();
        }

        foreach (var boundaries in _otherNodesBoundaries)
        {
            await boundaries.DisposeAsync();
        }
    }

    internal void Migrate() => new DatabaseMigrator(Connections, NullLogger<DatabaseMigrator>.Instance).Migrate();

    protected abstract Task<DatabaseOptions?> CreateOptionsAsync();
}

public class SqliteDatabaseFixture : DatabaseFixture
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"channelbridge-it-{Guid.NewGuid():N}.db");

    public string DatabasePath => _path;

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteFiles.Delete(_path);
    }

    protected override Task<DatabaseOptions?> CreateOptionsAsync() =>
        Task.FromResult<DatabaseOptions?>(new DatabaseOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = $"Data Source={_path}" });
}

/// <summary>
/// SQLite with its writes sent in batches, as SQL Server's are (<see cref="SqliteBatches"/>): the repositories' batched
/// path, which SQLite alone never takes, run by the same contracts.
/// </summary>
public sealed class SqliteBatchingDatabaseFixture : SqliteDatabaseFixture
{
    internal SqliteBatches Batches { get; } = new();

    private protected override DbConnectionFactory CreateConnections(DatabaseOptions options) =>
        new(Options.Create(options)) { SqliteBatches = Batches.Create };
}
