using ChannelBridge.Domain.Listings;
using ChannelBridge.Domain.Stores;
using ChannelBridge.Infrastructure.Persistence.Maintenance;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChannelBridge.Infrastructure.IntegrationTests.Repositories;

/// <summary>
/// The ids of deleted listings are kept while a Products run under way may count them (two days), and deleted after,
/// batch after batch. Deleted in 2019 by the repository's own clock, so no other test's rows are in the way.
/// </summary>
public abstract class DeletedListingsPrunerContract(DatabaseFixture database)
{
    private static readonly DateTime Now = new(2019, 6, 3, 12, 30, 0, DateTimeKind.Utc);

    [SkippableFact]
    public async Task DeletedListingsIds_AreKeptTwoDays_ThenDeletedInBatches()
    {
        Skip.If(database.SkipReason is not null, database.SkipReason);
        var (store, _) = Store.Create("Deleted " + Guid.NewGuid().ToString("N")[..6], Now).Value;
        await database.Stores.SaveAsync(store, default);
        var skus = Enumerable.Range(1, 12).Select(i => $"P{i:D2}").ToList();
        await database.Listings.SaveAsync([.. skus.Select(sku => Listing.Create(store.Id, Listing.Validate(sku, "T", 1, null, null).Value, Now))], [], default);
        await DeleteAtAsync(Now.AddDays(-3), store.Id, skus[..7]);
        await DeleteAtAsync(Now - DeletedListingsPruner.Kept + TimeSpan.FromMinutes(1), store.Id, skus[7..]);

        var pruner = new DeletedListingsPruner(database.Connections, new ChannelBridge.Tests.FixedClock(Now), NullLogger<DeletedListingsPruner>.Instance);
        var pruned = await pruner.PruneAsync(default, batchSize: 3);

        pruned.Should().BeGreaterThanOrEqualTo(7, "batch after batch until none is left");
        await using var check = await database.Connections.OpenAsync(default);
        (await check.QueryAsync<long>("SELECT ListingId FROM DeletedListings WHERE StoreId = @Id", new { store.Id })).Should().HaveCount(5, "those deleted within two days are kept");
        (await pruner.PruneAsync(default)).Should().Be(0, "a second round finds nothing");
    }

    private Task DeleteAtAsync(DateTime at, string storeId, List<string> skus) =>
        new Persistence.Repositories.ListingRepository(database.CallConnections, new ChannelBridge.Tests.FixedClock(at)).DeleteAsync(storeId, skus, default);
}

public sealed class SqliteDeletedListingsPrunerTests(SqliteDatabaseFixture database) : DeletedListingsPrunerContract(database), IClassFixture<SqliteDatabaseFixture>;

/// <summary>The same on SQLite with its writes sent in batches, as on SQL Server (<see cref="SqliteBatchingDatabaseFixture"/>).</summary>
public sealed class SqliteBatchedDeletedListingsPrunerTests(SqliteBatchingDatabaseFixture database)
    : DeletedListingsPrunerContract(database), IClassFixture<SqliteBatchingDatabaseFixture>;

[Trait("Category", "Docker")]
public sealed class SqlServerDeletedListingsPrunerTests(SqlServer.SqlServerDatabaseFixture database) : DeletedListingsPrunerContract(database), IClassFixture<SqlServer.SqlServerDatabaseFixture>;
