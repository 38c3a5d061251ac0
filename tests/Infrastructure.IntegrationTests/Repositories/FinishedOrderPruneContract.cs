using ChannelBridge.Application.Orders;
using ChannelBridge.Domain.Orders;
using ChannelBridge.Domain.Stores;
using ChannelBridge.Infrastructure.Persistence.Maintenance;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ChannelBridge.Infrastructure.IntegrationTests.Repositories;

/// <summary>
/// Finished orders unchanged for the retention are deleted with their change rows and leave their store's counts; open
/// orders and recently finished ones stay. Dated in 2020-2022, so no other test class's orders are candidates.
/// </summary>
public abstract class FinishedOrderPruneContract(DatabaseFixture database)
{
    /// <summary>
    /// When a test's orders are received: each test that deletes has a year of its own, so no test's round finds another's
    /// orders due (a round deletes every store's).
    /// </summary>
    private DateTime Received { get; set; } = new(2020, 1, 1, 9, 0, 0, DateTimeKind.Utc);

    /// <summary>Sixty days after <see cref="Received"/>: with 7 days' retention, the cut-off is 53 days after it.</summary>
    private DateTime SweptAt => Received.AddDays(60);

    [SkippableFact]
    public async Task FinishedOrders_PastTheRetention_AreDeletedWithTheirChanges_AndLeaveTheirStoresCounts()
    {
        Skip.If(database.SkipReason is not null, database.SkipReason);
        var first = await NewStore();
        var second = await NewStore();
        await Receive(first, "OLD-DESPATCHED", "OLD-CANCELLED", "OLD-OPEN", "LATE-DESPATCHED", "REOPENED");
        await Receive(second, "OTHER-DESPATCHED");
        await Finish(first, "OLD-DESPATCHED", Received.AddDays(1), cancel: false);
        await Finish(first, "OLD-CANCELLED", Received.AddDays(2), cancel: true);
        await Finish(first, "LATE-DESPATCHED", SweptAt.AddDays(-3), cancel: false);
        await Finish(first, "REOPENED", Received.AddDays(1), cancel: false);
        await Finish(second, "OTHER-DESPATCHED", Received.AddDays(1), cancel: false);
        await Refund(first, "REOPENED", SweptAt.AddDays(-1));

        var deleted = await Pruner(retentionDays: 7).PruneAsync(default, batchSize: 1);

        deleted.Should().Be(3);
        (await database.Orders.GetByReferencesAsync(first, ["OLD-DESPATCHED", "OLD-CANCELLED", "OLD-OPEN", "LATE-DESPATCHED", "REOPENED"], default)).Keys
            .Should().BeEquivalentTo(["OLD-OPEN", "LATE-DESPATCHED", "REOPENED"], "an open order stays, and so do orders whose last change is within the retention");
        (await database.Orders.GetByReferencesAsync(second, ["OTHER-DESPATCHED"], default)).Should().BeEmpty("the retention is the service's, for every store");
        foreach (var store in new[] { first, second })
        {
            var (orders, chars, changesOfMissing) = await Held(store);
            (await Counts(store)).Should().Be((orders, chars), "the store's counts are what it holds");
            changesOfMissing.Should().Be(0, "no change row outlives its order");
        }

        (await Pruner(retentionDays: 7).PruneAsync(default)).Should().Be(0, "a second round finds nothing more");
        await database.Orders.SaveChangesAsync([ChannelOrder.Receive(first, Order("OLD-DESPATCHED"), "h-again", SweptAt)], default);
        (await database.Orders.GetByReferencesAsync(first, ["OLD-DESPATCHED"], default)).Should().ContainKey("OLD-DESPATCHED", "sent again, a deleted order is stored anew");
        (await Counts(first)).Orders.Should().Be(4);
    }

    [SkippableFact]
    public async Task AnOrderALiveDownloadRunCanSee_WaitsForTheRunToEnd()
    {
        Skip.If(database.SkipReason is not null, database.SkipReason);
        Received = new DateTime(2021, 1, 1, 9, 0, 0, DateTimeKind.Utc);
        var (store, integration) = await NewStoreWithIntegration();
        var (other, otherIntegration) = await NewStoreWithIntegration();
        var (_, thirdIntegration) = await NewStoreWithIntegration();
        await Receive(store, "SEEN", "UNSEEN");
        await Receive(other, "ELSEWHERE");
        await Finish(store, "UNSEEN", Received.AddDays(1), cancel: true);
        await Finish(store, "SEEN", Received.AddDays(1), cancel: true);
        await Finish(other, "ELSEWHERE", Received.AddDays(1), cancel: true);
        var seenFrom = await LastChangeSeq(store, "SEEN");
        await AddRun(integration, "orders:2020-01-01T00:00:00.0000000Z", seenFrom, SweptAt.AddHours(-1));
        await AddRun(otherIntegration, "products", 0, SweptAt.AddHours(-1));
        await AddRun(otherIntegration, "orders:2019-12-01T00:00:00.0000000Z", 0, SweptAt.AddDays(-2));
        await AddRun(thirdIntegration, "orders:2019-11-01T00:00:00.0000000Z", 0, SweptAt.AddHours(-1));
        try
        {
            await Pruner(retentionDays: 7).PruneAsync(default, batchSize: 1);

            (await database.Orders.GetByReferencesAsync(store, ["SEEN", "UNSEEN"], default)).Keys.Should().Equal(
                ["SEEN"], "a live Orders run of the store's integration reaches back to SEEN's change, not to UNSEEN's");
            (await database.Orders.GetByReferencesAsync(other, ["ELSEWHERE"], default)).Should().BeEmpty(
                "the other store's runs are a Products run and an Orders run of two days ago, and a third store's run is its own");
        }
        finally
        {
            await EndRunsAsync(integration, otherIntegration, thirdIntegration);
        }

        await Pruner(retentionDays: 7).PruneAsync(default);
        (await database.Orders.GetByReferencesAsync(store, ["SEEN"], default)).Should().BeEmpty("once the run is over");
    }

    [SkippableFact]
    public async Task ADownloadRunPagedOnAnotherNode_SkipsNoOrder_WhileTheRoundRuns()
    {
        Skip.If(database.SkipReason is not null, database.SkipReason);
        Received = new DateTime(2022, 1, 1, 9, 0, 0, DateTimeKind.Utc);
        var (store, integration) = await NewStoreWithIntegration();
        await ReceiveCancelled(store, "W-1", "W-2");
        await database.Orders.SaveChangesAsync([.. new[] { "N-1", "N-2", "N-3" }.Select(r => ChannelOrder.Receive(store, Order(r), "h-" + r, SweptAt.AddDays(-1)))], default);
        var firstPage = await Page(database.OrderQueries, integration, store, 1);

        await Pruner(retentionDays: 7).PruneAsync(default);
        var otherNode = await database.AnotherNodesOrderQueriesAsync(integration);
        var later = (await Page(otherNode, integration, store, 2)).Concat(await Page(otherNode, integration, store, 3));

        firstPage.Should().Equal("W-1", "W-2");
        later.Should().Equal(["N-1", "N-2", "N-3"], "the cancelled orders page 1 served are still in the run the other node counts");
        await EndRunsAsync(integration);
    }

    [SkippableFact]
    public async Task ARoundEnds_WhenItsOrdersTimesAreStoredInAnotherTextForm()
    {
        Skip.If(database.SkipReason is not null, database.SkipReason);
        Received = new DateTime(2023, 1, 1, 9, 0, 0, DateTimeKind.Utc);
        var (store, integration) = await NewStoreWithIntegration();
        await ReceiveCancelled(store, "G-1", "G-2");
        await using (var connection = await database.Connections.OpenAsync(default))
        {
            // SQLite holds times as text: written by hand, or by another tool, with every fraction digit.
            await connection.ExecuteAsync(
                "UPDATE Orders SET LastChangedUtc = '2023-01-02 09:00:00.0000000' WHERE StoreId = @StoreId", new { StoreId = store });
        }

        await AddRun(integration, "orders:2023-01-01T00:00:00.0000000Z", 0, SweptAt.AddHours(-1));
        using var hung = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await Pruner(retentionDays: 7).PruneAsync(hung.Token, batchSize: 1);

            (await database.Orders.GetByReferencesAsync(store, ["G-1", "G-2"], default)).Should().HaveCount(2, "a live run of the store sees both");
        }
        finally
        {
            await EndRunsAsync(integration);
        }
    }

    [SkippableFact]
    public async Task NoRetention_KeepsEveryOrder()
    {
        Skip.If(database.SkipReason is not null, database.SkipReason);
        var store = await NewStore();
        await Receive(store, "KEPT");
        await Finish(store, "KEPT", SweptAt, cancel: false);   // after the other test's cut-off, whichever runs first

        (await Pruner(retentionDays: 0, at: SweptAt.AddYears(5)).PruneAsync(default)).Should().Be(0);

        (await database.Orders.GetByReferencesAsync(store, ["KEPT"], default)).Should().ContainKey("KEPT");
    }

    private FinishedOrderPruner Pruner(int retentionDays, DateTime? at = null) => new(
        database.Connections, Options.Create(new OrdersOptions { FinishedRetentionDays = retentionDays }), new ChannelBridge.Tests.FixedClock(at ?? SweptAt),
        NullLogger<FinishedOrderPruner>.Instance);

    private async Task<string> NewStore()
    {
        var (store, _) = Store.Create("Finished " + Guid.NewGuid().ToString("N")[..6], Received).Value;
        await database.Stores.SaveAsync(store, default);
        return store.Id;
    }

    /// <summary>A store, and a Linnworks integration linked to it whose download runs are the store's.</summary>
    private Task<(string StoreId, string IntegrationId)> NewStoreWithIntegration() =>
        database.LinkedIntegrationAsync(Received, "Finished " + Guid.NewGuid().ToString("N")[..6]);

    private async Task Receive(string storeId, params string[] references) =>
        await database.Orders.SaveChangesAsync([.. references.Select(r => ChannelOrder.Receive(storeId, Order(r), "h-" + r, Received))], default);

    /// <summary>Orders received, and cancelled by Linnworks a day later, one after the other.</summary>
    private async Task ReceiveCancelled(string storeId, params string[] references)
    {
        await Receive(storeId, references);
        foreach (var reference in references)
        {
            await Finish(storeId, reference, Received.AddDays(1), cancel: true);
        }
    }

    private async Task Finish(string storeId, string reference, DateTime at, bool cancel)
    {
        var order = (await database.Orders.GetByReferencesAsync(storeId, [reference], default))[reference];
        (cancel ? order.RecordCancellation([], at) : order.RecordDespatch([], at)).IsSuccess.Should().BeTrue();
        await database.Orders.SaveChangesAsync([order], default);
    }

    private async Task Refund(string storeId, string reference, DateTime at)
    {
        var order = (await database.Orders.GetByReferencesAsync(storeId, [reference], default))[reference];
        order.RecordRefund([], at).IsSuccess.Should().BeTrue();
        await database.Orders.SaveChangesAsync([order], default);
    }

    /// <summary>The references of an Orders page of two, of a run over every change since the day before the test's orders.</summary>
    private async Task<IReadOnlyList<string>> Page(IOrderQueries queries, string integrationId, string storeId, int pageNumber)
    {
        var page = await queries.GetPageAsync(
            new OrderPageRequest(integrationId, storeId, Received.AddDays(-1), pageNumber, 2, true, null, 2_000_000, DatabaseFixture.Renderer.Format),
            default);
        return [.. page.Orders.Select(o => o.Content?.ReferenceNumber
            ?? System.Text.Json.JsonDocument.Parse(o.Rendering).RootElement.GetProperty("ReferenceNumber").GetString()!)];
    }

    private async Task<long> LastChangeSeq(string storeId, string reference)
    {
        await using var connection = await database.Connections.OpenAsync(default);
        return await connection.ExecuteScalarAsync<long>(
            "SELECT MAX(c.Seq) FROM OrderChanges c JOIN Orders o ON o.Id = c.OrderId WHERE o.StoreId = @StoreId AND o.ReferenceNumber = @Reference",
            new { StoreId = storeId, Reference = reference });
    }

    /// <summary>The integrations' download runs over, so no later round of another test is held back by them.</summary>
    private async Task EndRunsAsync(params string[] integrationIds)
    {
        await using var paging = await database.Connections.OpenPagingAsync(default);
        await paging.ExecuteAsync("DELETE FROM PagingSessions WHERE IntegrationId IN @Ids", new { Ids = integrationIds });
    }

    private async Task AddRun(string integrationId, string runKey, long fromSeq, DateTime createdUtc)
    {
        await using var paging = await database.Connections.OpenPagingAsync(default);
        await paging.ExecuteAsync(
            "INSERT INTO PagingSessions (IntegrationId, RunKey, FromSeq, HighWaterSeq, CreatedUtc) VALUES (@IntegrationId, @RunKey, @FromSeq, @FromSeq, @CreatedUtc)",
            new { IntegrationId = integrationId, RunKey = runKey, FromSeq = fromSeq, CreatedUtc = createdUtc });
    }

    private async Task<(long Orders, long Chars)> Counts(string storeId)
    {
        await using var connection = await database.Connections.OpenAsync(default);
        return await connection.QuerySingleAsync<(long, long)>("SELECT OrderCount, OrderChars FROM Stores WHERE Id = @StoreId", new { StoreId = storeId });
    }

    /// <summary>What the store's rows hold: its orders, their content's characters, and change rows whose order is gone.</summary>
    private async Task<(long Orders, long Chars, long ChangesOfMissing)> Held(string storeId)
    {
        await using var connection = await database.Connections.OpenAsync(default);
        var (orders, chars) = await connection.QuerySingleAsync<(long, long)>(
            "SELECT COUNT(*), COALESCE(SUM(ContentChars), 0) FROM Orders WHERE StoreId = @StoreId", new { StoreId = storeId });
        var missing = await connection.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM OrderChanges c WHERE c.StoreId = @StoreId AND NOT EXISTS (SELECT 1 FROM Orders o WHERE o.Id = c.OrderId)", new { StoreId = storeId });
        return (orders, chars, missing);
    }

    private OrderContent Order(string reference) => OrderRules.Validate(new OrderContent
    {
        ReferenceNumber = reference,
        PaymentStatus = "PAID",
        ReceivedDate = Received,
        DeliveryAddress = new OrderAddress { FullName = "Jane " + reference, CountryCode = "GB" },
        OrderItems = [new OrderLine { OrderLineNumber = "1", SKU = "A", Qty = 1 }],
    }).Value;
}

public sealed class SqliteFinishedOrderPruneTests(SqliteDatabaseFixture database) : FinishedOrderPruneContract(database), IClassFixture<SqliteDatabaseFixture>;

[Trait("Category", "Docker")]
public sealed class SqlServerFinishedOrderPruneTests(SqlServer.SqlServerDatabaseFixture database) : FinishedOrderPruneContract(database), IClassFixture<SqlServer.SqlServerDatabaseFixture>;
