using ChannelBridge.Application.Orders;
using ChannelBridge.Domain.Orders;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChannelBridge.Infrastructure.IntegrationTests.Repositories;

/// <summary>
/// The change log's pruning while an Orders run reaches back past its cut-off (ADR-005), on a database of its own: the
/// pruner walks the whole log, and other tests' changes dated in the future would stop its walk before these.
/// </summary>
public abstract class ChangeLogPruningUnderALiveRunContract(DatabaseFixture database)
{
    [SkippableTheory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Pruning_KeepsTheSupersededChangesOfALiveRunsRange_SoAPageCountedAgainEndsItsWindowsWhereTheRunDid(bool moreStoresHeldThanAKeySetTakes)
    {
        Skip.If(database.SkipReason is not null, database.SkipReason);
        var longAgo = DateTime.UtcNow.AddDays(-5);
        var notBefore = longAgo.AddDays(-30);
        var (storeId, integration) = await database.LinkedIntegrationAsync(longAgo.AddDays(-20));
        var (otherStoreId, _) = await database.LinkedIntegrationAsync(longAgo.AddDays(-20), "Other");

        // PW-OLD changed twice ten days ago, before the run reaches back, in this store and in another.
        foreach (var store in new[] { storeId, otherStoreId })
        {
            await ChangedTwiceAsync(store, "PW-OLD", OrderRepositoryContract.Content("PW-OLD"), longAgo.AddDays(-5));
        }

        // PW-X changed twice five days ago, between two orders too old to send; then three orders to send.
        var tooOld = OrderRepositoryContract.Content("PW-P") with { ReceivedDate = notBefore.AddDays(-1) };
        await database.Orders.SaveChangesAsync([ChannelOrder.Receive(storeId, OrderRepositoryContract.Content("PW-X"), "h", longAgo)], default);
        await database.Orders.SaveChangesAsync([ChannelOrder.Receive(storeId, tooOld, "h", longAgo)], default);
        await database.Orders.SaveChangesAsync([ChannelOrder.Receive(storeId, tooOld with { ReferenceNumber = "PW-Q" }, "h", longAgo)], default);
        await ChangedAsync(storeId, "PW-X", longAgo.AddMinutes(1));
        foreach (var reference in new[] { "PW-R", "PW-S", "PW-T" })
        {
            await database.Orders.SaveChangesAsync([ChannelOrder.Receive(storeId, OrderRepositoryContract.Content(reference), "h", longAgo.AddMinutes(2))], default);
        }

        // A run reaching back to them, with pages that look at three changes: page 1's window holds PW-X's first change and
        // the two orders too old, so it is empty. Then the hourly pruning runs, and page 2 reaches a node that counts page 1
        // again.
        OrderPageRequest Page(int n) => new(integration, storeId, longAgo.AddHours(-1), n, 2, true, notBefore, int.MaxValue, DatabaseFixture.Renderer.Format);
        var page1 = await database.OrderQueriesScanning(3).GetPageAsync(Page(1), default);
        var pruner = new Persistence.Maintenance.ChangeLogPruner(database.Connections, TimeProvider.System, NullLogger<Persistence.Maintenance.ChangeLogPruner>.Instance)
        {
            StoresHeldByName = moreStoresHeldThanAKeySetTakes ? 0 : Persistence.SqlDialect.For(database.Connections.Provider).KeySetSize,
        };
        var batches = (database as SqliteBatchingDatabaseFixture)?.Batches;
        var sentBefore = batches?.Sent;
        var pruned = await pruner.PruneAsync(default);
        var sentWhilePruning = batches?.Sent.Batches - sentBefore?.Batches;
        var rest = await OrderRepositoryContract.ReferencesFromPageAsync(await database.AnotherNodesOrderQueriesAsync(integration, scanLimit: 3), Page, 2);

        page1.Orders.Should().BeEmpty();
        rest.Should().Equal(["PW-X", "PW-R", "PW-S", "PW-T"], "the run's superseded change of PW-X is kept while the run lives, so page 1 counted again ends where it did");
        if (!moreStoresHeldThanAKeySetTakes)
        {
            // With every store named, the rest is pruned as before (the other case keeps what any such run reaches back to,
            // in every store: what it keeps here depends on the runs this class's other case left live).
            pruned.Should().BeGreaterThanOrEqualTo(2);
            (await ChangesAsync(storeId)).Should().Be(8, "PW-OLD's first change goes: it is before where the run begins");
            (await ChangesAsync(otherStoreId)).Should().Be(1, "a store without a live run keeps no superseded change");
            if (batches is not null)
            {
                sentWhilePruning.Should().Be(1, "the deletes of the stores with a live run go as one request, as on SQL Server");
            }
        }
    }

    private async Task ChangedTwiceAsync(string storeId, string reference, OrderContent content, DateTime at)
    {
        await database.Orders.SaveChangesAsync([ChannelOrder.Receive(storeId, content, "h", at)], default);
        await ChangedAsync(storeId, reference, at.AddMinutes(1));
    }

    private async Task ChangedAsync(string storeId, string reference, DateTime at)
    {
        var order = (await database.Orders.GetByReferencesAsync(storeId, [reference], default))[reference];
        order.Replace(order.Content with { Site = "again" }, "h2", at);
        await database.Orders.SaveChangesAsync([order], default);
    }

    private async Task<long> ChangesAsync(string storeId)
    {
        await using var connection = await database.Connections.OpenAsync(default);
        return await Dapper.SqlMapper.ExecuteScalarAsync<long>(connection, "SELECT COUNT(*) FROM OrderChanges WHERE StoreId = @StoreId", new { StoreId = storeId });
    }
}

public sealed class SqliteChangeLogPruningUnderALiveRunTests(SqliteDatabaseFixture database)
    : ChangeLogPruningUnderALiveRunContract(database), IClassFixture<SqliteDatabaseFixture>;

/// <summary>The same on SQLite with its writes sent in batches, as on SQL Server (<see cref="SqliteBatchingDatabaseFixture"/>).</summary>
public sealed class SqliteBatchedChangeLogPruningUnderALiveRunTests(SqliteBatchingDatabaseFixture database)
    : ChangeLogPruningUnderALiveRunContract(database), IClassFixture<SqliteBatchingDatabaseFixture>;

[Trait("Category", "Docker")]
public sealed class SqlServerChangeLogPruningUnderALiveRunTests(SqlServer.SqlServerDatabaseFixture database)
    : ChangeLogPruningUnderALiveRunContract(database), IClassFixture<SqlServer.SqlServerDatabaseFixture>;
