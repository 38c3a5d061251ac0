using ChannelBridge.Domain.Common;
using ChannelBridge.Domain.Listings;
using ChannelBridge.Domain.Orders;
using ChannelBridge.Domain.Stores;
using ChannelBridge.Infrastructure.Persistence;
using ChannelBridge.Tests;

namespace ChannelBridge.Infrastructure.IntegrationTests.Repositories;

/// <summary>
/// Where the provider sends commands in batches (SQL Server), a batch of orders or listings goes in a request per statement and per
/// <see cref="RepeatedStatement.RowsPerRequest"/> rows, not one a row; each order still gets its own answer, and one
/// that fails fails the whole batch. Run on SQLite with batches in SQL Server's shape (<see cref="SqliteBatches"/>).
/// </summary>
public sealed class BatchedWritesTests(SqliteBatchingDatabaseFixture database) : IClassFixture<SqliteBatchingDatabaseFixture>
{
    private static readonly DateTime Now = new(2026, 12, 7, 10, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task ABatchOfOrders_GoesInARequestPerStatementAndPer500Rows_AndEachOrderKeepsItsOwnRow()
    {
        var storeId = await NewStoreAsync();
        var orders = Enumerable.Range(1, 1201).Select(i => ChannelOrder.Receive(storeId, OrderRepositoryContract.Content($"B-{i:D4}"), $"h{i}", Now)).ToList();

        var before = database.Batches.Sent;
        await database.Orders.SaveChangesAsync(orders, default);
        var created = database.Batches.Sent;

        (created.Batches - before.Batches, created.Commands - before.Commands).Should().Be((6, 2 * 1201), "the inserts and the change rows, each in requests of 500, 500 and 201");
        var stored = await database.Orders.GetByReferencesAsync(storeId, [.. orders.Select(o => o.ReferenceNumber)], default);
        stored.Should().HaveCount(1201);
        orders.Should().OnlyContain(o => o.Id > 0 && stored[o.ReferenceNumber].Id == o.Id, "each order is given the id of its own row");

        foreach (var order in orders)
        {
            order.Replace(OrderRepositoryContract.Content(order.ReferenceNumber) with { Site = "UK" }, "changed", Now.AddMinutes(1)).Should().BeTrue();
        }

        await database.Orders.SaveChangesAsync(orders, default);

        (database.Batches.Sent.Batches - created.Batches).Should().Be(6, "the updates and the change rows");
        var changed = await database.Orders.GetByReferencesAsync(storeId, [.. orders.Select(o => o.ReferenceNumber)], default);
        changed.Values.Should().OnlyContain(o => o.Version == 2 && o.Content.Site == "UK");
        (await ChangeRowsAsync(storeId)).Should().Be(2 * 1201);
    }

    [Fact]
    public async Task AnOrderChangedMeanwhile_InTheMiddleOfABatch_FailsTheBatch_NamingIt_AndNoOrderOfItIsSaved()
    {
        var storeId = await NewStoreAsync();
        await database.Orders.SaveChangesAsync([.. new[] { "M-1", "M-2", "M-3" }.Select(r => ChannelOrder.Receive(storeId, OrderRepositoryContract.Content(r), "h", Now))], default);
        var loaded = (await database.Orders.GetByReferencesAsync(storeId, ["M-1", "M-2", "M-3"], default)).OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Value).ToList();
        var meanwhile = (await database.Orders.GetByReferencesAsync(storeId, ["M-2"], default))["M-2"];
        meanwhile.Replace(OrderRepositoryContract.Content("M-2") with { Site = "meanwhile" }, "other", Now);
        await database.Orders.SaveChangesAsync([meanwhile], default);
        loaded.ForEach(o => o.Replace(OrderRepositoryContract.Content(o.ReferenceNumber) with { Site = "batch" }, "batch", Now));

        var save = () => database.Orders.SaveChangesAsync(loaded, default);

        await save.Should().ThrowAsync<ConcurrencyConflictException>().WithMessage("*'M-2'*");
        var after = await database.Orders.GetByReferencesAsync(storeId, ["M-1", "M-2", "M-3"], default);
        after.Values.Select(o => (o.ReferenceNumber, o.Version)).Should().BeEquivalentTo(new[] { ("M-1", 1), ("M-2", 2), ("M-3", 1) });
        after["M-2"].Content.Site.Should().Be("meanwhile");
    }

    [Fact]
    public async Task ANewOrderAnotherBatchCreatedFirst_FailsTheBatch_AndNoOrderOfItIsSaved()
    {
        var storeId = await NewStoreAsync();
        await database.Orders.SaveChangesAsync([ChannelOrder.Receive(storeId, OrderRepositoryContract.Content("D-2"), "first", Now)], default);
        var batch = new[] { "D-1", "D-2", "D-3" }.Select(r => ChannelOrder.Receive(storeId, OrderRepositoryContract.Content(r), "batch", Now)).ToList();

        var save = () => database.Orders.SaveChangesAsync(batch, default);

        await save.Should().ThrowAsync<ConcurrencyConflictException>().WithMessage("*one of 3 new orders*");
        (await database.Orders.GetByReferencesAsync(storeId, ["D-1", "D-2", "D-3"], default)).Keys.Should().Equal("D-2");
    }

    [Fact]
    public async Task AListingBatchAndItsFeedEntries_GoInARequestPerStatement_AndEachListingKeepsItsOwnRow()
    {
        var storeId = await NewStoreAsync();
        var listings = Enumerable.Range(1, 600).Select(i => Listing.Create(storeId, Listing.Validate($"S-{i:D3}", "Mug", i, 1m, null).Value, Now)).ToList();

        var before = database.Batches.Sent;
        await database.Listings.SaveAsync(listings, [], default);
        var created = database.Batches.Sent;

        (created.Batches - before.Batches, created.Commands - before.Commands).Should().Be((2, 600), "the inserts, in requests of 500 and 100");
        var stored = await database.Listings.GetBySkusAsync(storeId, [.. listings.Select(l => l.SKU)], default);
        listings.Should().OnlyContain(l => l.Id > 0 && stored[l.SKU].Id == l.Id && stored[l.SKU].Quantity == l.Quantity);

        var changed = stored.Values.ToList();
        changed.ForEach(l => l.ApplyInventory(l.Quantity + 1000, "h", Now));
        await database.Listings.SaveAsync(changed, [.. changed.Select(l => new StoreUpdate(0, storeId, StoreUpdateTypes.Inventory, Now, "{}", "inv-" + l.SKU))], default);

        (database.Batches.Sent.Batches - created.Batches).Should().Be(4, "the updates and the feed entries, each in requests of 500 and 100");
        (await database.Listings.GetBySkusAsync(storeId, [.. listings.Select(l => l.SKU)], default)).Values.Should().OnlyContain(l => l.Quantity > 1000 && l.Version == 2);
        (await database.Feed.ReadAsync(storeId, 0, 1000, default)).Should().HaveCount(600);
    }

    [Fact]
    public async Task ANewListingAnotherCallCreatedFirst_FailsTheBatch_AndNoListingOfItIsSaved()
    {
        var storeId = await NewStoreAsync();
        await database.Listings.SaveAsync([Listing.Create(storeId, Listing.Validate("L-2", "First", 1, 1m, null).Value, Now)], [], default);
        var batch = new[] { "L-1", "L-2", "L-3" }.Select(sku => Listing.Create(storeId, Listing.Validate(sku, "Batch", 2, 1m, null).Value, Now)).ToList();

        var save = () => database.Listings.SaveAsync(batch, [], default);

        await save.Should().ThrowAsync<ConcurrencyConflictException>().WithMessage("*one of 3 new listings*");
        var held = await database.Listings.GetBySkusAsync(storeId, ["L-1", "L-2", "L-3"], default);
        held.Keys.Should().Equal("L-2");
        held["L-2"].Title.Should().Be("First");
    }

    [Fact]
    public async Task ABatchWhoseCommandAnswersNoValue_FailsTheCall_RatherThanGiveARowNoId()
    {
        // SQL Server goes on with a batch's next command after one fails; a failed insert's identity reads as null.
        await using var connection = await database.Connections.OpenAsync(default);
        await using var statement = new RepeatedStatement(connection, null, "SELECT CASE WHEN @Id = 2 THEN NULL ELSE @Id END", typeof(IdRow));

        var run = () => statement.ScalarEachAsync([new IdRow(1), new IdRow(2), new IdRow(3)], default);

        await run.Should().ThrowAsync<InvalidOperationException>().WithMessage("*3 commands*");
        (await statement.ScalarEachAsync([new IdRow(1), new IdRow(3)], default)).Should().Equal(1L, 3L);
    }

    private sealed record IdRow(long Id);

    private async Task<string> NewStoreAsync()
    {
        var (store, _) = Store.Create("Batched " + Guid.NewGuid().ToString("N")[..6], Now).Value;
        await database.Stores.SaveAsync(store, default);
        return store.Id;
    }

    private async Task<long> ChangeRowsAsync(string storeId)
    {
        await using var connection = await database.Connections.OpenAsync(default);
        return await Dapper.SqlMapper.ExecuteScalarAsync<long>(connection, "SELECT COUNT(*) FROM OrderChanges WHERE StoreId = @storeId", new { storeId });
    }
}
