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
/// orders and recently finished ones stay. Dated in 2020, so no other test's orders in the fixture are candidates.
/// </summary>
public abstract class FinishedOrderPruneContract(DatabaseFixture database)
{
    private static readonly DateTime Received = new(2020, 1, 1, 9, 0, 0, DateTimeKind.Utc);

    /// <summary>Sixty days after <see cref="Received"/>: with 7 days' retention, the cut-off is 53 days after it.</summary>
    private static readonly DateTime SweptAt = Received.AddDays(60);

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

    private async Task Receive(string storeId, params string[] references) =>
        await database.Orders.SaveChangesAsync([.. references.Select(r => ChannelOrder.Receive(storeId, Order(r), "h-" + r, Received))], default);

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

    private static OrderContent Order(string reference) => OrderRules.Validate(new OrderContent
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
