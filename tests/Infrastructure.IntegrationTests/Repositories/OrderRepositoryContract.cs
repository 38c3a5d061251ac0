using System.Globalization;
using ChannelBridge.Application.Orders;
using ChannelBridge.Domain.Common;
using ChannelBridge.Domain.Orders;
using ChannelBridge.Domain.Stores;

namespace ChannelBridge.Infrastructure.IntegrationTests.Repositories;

/// <summary>Orders, the change log paging and the updates feed, on every provider.</summary>
public abstract class OrderRepositoryContract(DatabaseFixture database)
{
    private static readonly DateTime Now = new(2026, 11, 25, 10, 0, 0, DateTimeKind.Utc);

    [SkippableFact]
    public async Task Orders_RoundTripWithContentAndPostSaleState()
    {
        Skip.If(database.SkipReason is not null, database.SkipReason);
        var storeId = await NewStore();
        var order = ChannelOrder.Receive(storeId, Content("RT-1"), "h1", Now);
        await database.Orders.SaveChangesAsync([order], default);
        order.RecordDespatch([new PostSaleLine("1", "ABC", 1)], Now).IsSuccess.Should().BeTrue();
        await database.Orders.SaveWithFeedEntryAsync(order, new StoreUpdate(0, storeId, StoreUpdateTypes.Despatch, Now, "{\"a\":1}", "k-rt"), default);

        var loaded = (await database.Orders.GetByReferencesAsync(storeId, ["RT-1", "missing"], default)).Should().ContainSingle().Subject.Value;

        loaded.Id.Should().Be(order.Id).And.BeGreaterThan(0);
        loaded.Version.Should().Be(2);
        loaded.Status.Should().Be(OrderStatus.PartiallyDespatched);
        loaded.DespatchedQuantities.Should().Equal(new Dictionary<string, int> { ["1"] = 1 });
        loaded.Content.OrderItems.Should().HaveCount(2);
        loaded.Content.OrderItems[0].PricePerUnit.Should().Be(9.99m);
        loaded.Content.ReceivedDate.Should().Be(Now.AddHours(-1));
        loaded.FirstSeenUtc.Kind.Should().Be(DateTimeKind.Utc);
    }

    [SkippableFact]
    public async Task Orders_Loaded_ReadTheirStoredContentOnlyWhenAskedFor()
    {
        // An upsert answers a re-sent order from its hash and replaces a changed one whole: loading either must not read
        // (deserialize) the stored content. A row in a content format this version does not know shows it: it loads,
        // is answered Unchanged, and only asking for its content is refused.
        Skip.If(database.SkipReason is not null, database.SkipReason);
        var storeId = await NewStore();
        await database.Orders.SaveChangesAsync([ChannelOrder.Receive(storeId, Content("LZ-1"), "h1", Now)], default);
        await using (var connection = await database.Connections.OpenAsync(default))
        {
            await Dapper.SqlMapper.ExecuteAsync(connection, "UPDATE Orders SET ContentFormat = 99 WHERE StoreId = @StoreId", new { StoreId = storeId });
        }

        var loaded = (await database.Orders.GetByReferencesAsync(storeId, ["LZ-1"], default)).Should().ContainSingle().Subject;

        loaded.Key.Should().Be("LZ-1");
        loaded.Value.ReferenceNumber.Should().Be("LZ-1");
        loaded.Value.Replace(Content("LZ-1"), "h1", Now).Should().BeFalse("the same hash is an unchanged order");
        FluentActions.Invoking(() => loaded.Value.Content).Should().Throw<InvalidDataException>().WithMessage("*content format 99*");
        loaded.Value.Replace(Content("LZ-1") with { Site = "UK" }, "h2", Now).Should().BeTrue();
        loaded.Value.Content.Site.Should().Be("UK", "a changed order is replaced whole, without the stored content");
    }

    [SkippableFact]
    public async Task Orders_ContentIsStoredAsText_AsTheFormatWritesIt_CreatedAndChanged()
    {
        // On SQLite the content is bound as the UTF-8 the handler hashed and cast to text (SqlDialect.TextAsUtf8); on SQL
        // Server it is a string. Either way the column holds text (operators query it with json_extract / JSON_VALUE),
        // the format's JSON exactly, and ContentChars counts UTF-16 characters as the page budget reads them.
        Skip.If(database.SkipReason is not null, database.SkipReason);
        var storeId = await NewStore();
        var created = Content("TX-1") with { DeliveryAddress = new OrderAddress { FullName = "Zoë 😀 \"quoted\" <b>", Address1 = "1 Old St", CountryCode = "GB" } };
        var handedOver = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(created);
        var order = ChannelOrder.Receive(storeId, created, "h1", Now);
        await database.Orders.SaveChangesAsync([new OrderToSave(order, DatabaseFixture.Renderer.ToSave(order).Download, handedOver)], default);
        var changed = created with { Site = "Ünïcode" };
        order.Replace(changed, "h2", Now).Should().BeTrue();
        await database.Orders.SaveChangesAsync([order], default); // no JSON handed over: the repository writes it

        await using var connection = await database.Connections.OpenAsync(default);
        var typeOf = database.Connections.Provider == Persistence.DatabaseProvider.Sqlite ? "typeof(ContentJson)" : "'text'";
        var (type, json, chars) = await Dapper.SqlMapper.QuerySingleAsync<(string, string, int)>(connection,
            $"SELECT {typeOf}, ContentJson, ContentChars FROM Orders WHERE StoreId = @StoreId AND ReferenceNumber = 'TX-1'", new { StoreId = storeId });
        type.Should().Be("text");
        json.Should().Be(Persistence.OrderContentFormat.Write(changed));
        chars.Should().Be(json.Length);
        (await database.Orders.GetByReferencesAsync(storeId, ["TX-1"], default))["TX-1"].Content.Should().BeEquivalentTo(changed);

        var other = Content("TX-2") with { DeliveryAddress = created.DeliveryAddress };
        var fromHandedOver = ChannelOrder.Receive(storeId, other, "h3", Now);
        await database.Orders.SaveChangesAsync(
            [new OrderToSave(fromHandedOver, DatabaseFixture.Renderer.ToSave(fromHandedOver).Download, System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(other))], default);
        var (type2, json2, chars2) = await Dapper.SqlMapper.QuerySingleAsync<(string, string, int)>(connection,
            $"SELECT {typeOf}, ContentJson, ContentChars FROM Orders WHERE StoreId = @StoreId AND ReferenceNumber = 'TX-2'", new { StoreId = storeId });
        type2.Should().Be("text");
        json2.Should().Be(Persistence.OrderContentFormat.Write(other));
        chars2.Should().Be(json2.Length);
    }

    [SkippableFact]
    public async Task Orders_StaleVersion_AndDuplicateReference_Conflict()
    {
        Skip.If(database.SkipReason is not null, database.SkipReason);
        var storeId = await NewStore();
        await database.Orders.SaveChangesAsync([ChannelOrder.Receive(storeId, Content("CF-1"), "h1", Now)], default);
        var first = (await database.Orders.GetByReferencesAsync(storeId, ["CF-1"], default))["CF-1"];
        var second = (await database.Orders.GetByReferencesAsync(storeId, ["CF-1"], default))["CF-1"];
        first.Replace(Content("CF-1") with { Site = "UK" }, "h2", Now);
        second.Replace(Content("CF-1") with { Site = "DE" }, "h3", Now);
        await database.Orders.SaveChangesAsync([first], default);

        await FluentActions.Awaiting(() => database.Orders.SaveChangesAsync([second], default)).Should().ThrowAsync<ConcurrencyConflictException>();
        await FluentActions.Awaiting(() => database.Orders.SaveChangesAsync([ChannelOrder.Receive(storeId, Content("CF-1"), "h9", Now)], default))
            .Should().ThrowAsync<ConcurrencyConflictException>();
        (await database.Orders.GetByReferencesAsync(storeId, ["CF-1"], default))["CF-1"].Content.Site.Should().Be("UK");
    }

    [SkippableFact]
    public async Task TheStoresOrdersHeld_CountItsNewOrders_AndTheCharactersTheirContentHolds_NotABatchThatFailed()
    {
        Skip.If(database.SkipReason is not null, database.SkipReason);
        var (storeId, other) = (await NewStore(), await NewStore());
        await database.Orders.SaveChangesAsync([ChannelOrder.Receive(storeId, Content("OC-1"), "h1", Now), ChannelOrder.Receive(storeId, Content("OC-2"), "h1", Now)], default);
        (await database.Orders.GetHeldAsync(storeId, default)).Should().Be(new OrdersHeld(2, await StoredChars(storeId)));

        var changed = (await database.Orders.GetByReferencesAsync(storeId, ["OC-1"], default))["OC-1"];
        changed.StoredChars.Should().BeGreaterThan(0);
        changed.Replace(Content("OC-1") with { Site = new string('s', 5_000) }, "h2", Now);
        await database.Orders.SaveChangesAsync([changed, ChannelOrder.Receive(storeId, Content("OC-3"), "h1", Now)], default);
        changed.RecordDespatch([new PostSaleLine("1", "ABC", 1)], Now).IsSuccess.Should().BeTrue();
        await database.Orders.SaveWithFeedEntryAsync(changed, new StoreUpdate(0, storeId, StoreUpdateTypes.Despatch, Now, "{}", "oc-1"), default);
        var held = await database.Orders.GetHeldAsync(storeId, default);
        held.Should().Be(new OrdersHeld(3, await StoredChars(storeId)), "a change or a despatch of an order the store holds adds no order, and the change's characters");
        held.Chars.Should().BeGreaterThan(5_000);

        // Smaller again, saved as the erasure saves its orders: the characters go down with it.
        var smaller = (await database.Orders.GetByReferencesAsync(storeId, ["OC-1"], default))["OC-1"];
        smaller.Replace(Content("OC-1"), "h3", Now);
        await database.Orders.SaveErasedAsync([smaller], default);
        (await database.Orders.GetHeldAsync(storeId, default)).Should().Be(new OrdersHeld(3, await StoredChars(storeId))).And.Match<OrdersHeld>(h => h.Chars < held.Chars - 4_000);

        // A batch whose second new order is already stored (another batch made it) saves nothing, and counts nothing.
        var before = await database.Orders.GetHeldAsync(storeId, default);
        await FluentActions.Awaiting(() => database.Orders.SaveChangesAsync([ChannelOrder.Receive(storeId, Content("OC-4"), "h1", Now), ChannelOrder.Receive(storeId, Content("OC-2"), "h9", Now)], default))
            .Should().ThrowAsync<ConcurrencyConflictException>();
        (await database.Orders.GetHeldAsync(storeId, default)).Should().Be(before);
        (await database.Orders.GetHeldAsync(other, default)).Should().Be(new OrdersHeld(0, 0));
    }

    /// <summary>The characters of content the store's rows hold, counted from the rows themselves.</summary>
    private async Task<long> StoredChars(string storeId)
    {
        await using var connection = await database.Connections.OpenAsync(default);
        return await Dapper.SqlMapper.ExecuteScalarAsync<long>(connection, "SELECT COALESCE(SUM(ContentChars), 0) FROM Orders WHERE StoreId = @StoreId", new { StoreId = storeId });
    }

    [SkippableFact]
    public async Task WithTheStoresWritesHeld_AReportAndAnOrderBatch_AreReadAndSavedInOneTransaction()
    {
        Skip.If(database.SkipReason is not null, database.SkipReason);
        var storeId = await NewStore();
        await database.Orders.SaveChangesAsync([ChannelOrder.Receive(storeId, Content("HW-1"), "h1", Now)], default);
        var call = database.CallConnections;
        var orders = new Persistence.Repositories.OrderRepository(call);

        var cursor = await new Persistence.HeldStoreWrites(call).RunAsync(storeId, async () =>
        {
            var update = new StoreUpdate(0, storeId, StoreUpdateTypes.Despatch, Now, "{}", "held-despatch");
            (await orders.FindUpdateAsync(storeId, update.DedupKey, default)).Should().BeNull();
            var order = (await orders.GetByReferencesAsync(storeId, ["HW-1"], default))["HW-1"];
            order.RecordDespatch([new PostSaleLine("1", "ABC", 1)], Now).IsSuccess.Should().BeTrue();
            var recorded = await orders.SaveWithFeedEntryAsync(order, update, default);
            (await orders.FindUpdateKeysAsync(storeId, [update.DedupKey], default)).Should().Contain(update.DedupKey, "the transaction sees its own entry");
            await orders.SaveChangesAsync([ChannelOrder.Receive(storeId, Content("HW-2"), "h2", Now)], default);
            return recorded.Cursor;
        }, default);

        var stored = await database.Orders.GetByReferencesAsync(storeId, ["HW-1", "HW-2"], default);
        stored.Keys.Should().BeEquivalentTo("HW-1", "HW-2");
        stored["HW-1"].Version.Should().Be(2);
        (await database.Feed.ReadAsync(storeId, 0, 10, default)).Select(u => (u.Cursor, u.DedupKey)).Should().Equal((cursor, "held-despatch"));
    }

    [SkippableFact]
    public async Task Record_SameDedupKeyTwice_KeepsOneFeedEntry()
    {
        Skip.If(database.SkipReason is not null, database.SkipReason);
        var storeId = await NewStore();
        await database.Orders.SaveChangesAsync([ChannelOrder.Receive(storeId, Content("DD-1"), "h1", Now)], default);
        var update = new StoreUpdate(0, storeId, StoreUpdateTypes.Refund, Now, "{}", "refund:same");

        var first = await database.Orders.SaveWithFeedEntryAsync((await database.Orders.GetByReferencesAsync(storeId, ["DD-1"], default))["DD-1"], update, default);
        var second = await database.Orders.SaveWithFeedEntryAsync((await database.Orders.GetByReferencesAsync(storeId, ["DD-1"], default))["DD-1"], update, default);

        second.Cursor.Should().Be(first.Cursor);
        (await database.Feed.ReadAsync(storeId, 0, 100, default)).Should().ContainSingle();
        (await database.Orders.FindUpdateAsync(storeId, "refund:same", default))!.Reference.Should().Be(first.Reference);
    }

    [SkippableFact]
    public async Task Record_ACallsReportsTogether_AllOrNone()
    {
        Skip.If(database.SkipReason is not null, database.SkipReason);
        var storeId = await NewStore();
        await database.Orders.SaveChangesAsync([ChannelOrder.Receive(storeId, Content("TG-1"), "h1", Now), ChannelOrder.Receive(storeId, Content("TG-2"), "h2", Now)], default);
        var loaded = await database.Orders.GetByReferencesAsync(storeId, ["TG-1", "TG-2"], default);
        StoreUpdate Entry(string key) => new(0, storeId, StoreUpdateTypes.Despatch, Now, "{}", key);
        static OrderToSave ToSave(ChannelOrder order) => DatabaseFixture.Renderer.ToSave(order);

        await database.Orders.SaveWithFeedEntriesAsync([ToSave(loaded["TG-1"]), ToSave(loaded["TG-2"])], [Entry("tg:1"), Entry("tg:2"), Entry("tg:3")], default);

        (await database.Orders.FindUpdateKeysAsync(storeId, ["tg:1", "tg:3", "tg:4"], default)).Should().BeEquivalentTo(["tg:1", "tg:3"]);
        (await database.Feed.ReadAsync(storeId, 0, 100, default)).Select(u => u.DedupKey).Should().Equal("tg:1", "tg:2", "tg:3");

        // A key recorded meanwhile by another call: nothing of this one is saved, the order included.
        var fresh = await database.Orders.GetByReferencesAsync(storeId, ["TG-1"], default);
        var version = fresh["TG-1"].Version;
        await FluentActions.Awaiting(() => database.Orders.SaveWithFeedEntriesAsync([ToSave(fresh["TG-1"])], [Entry("tg:5"), Entry("tg:2")], default))
            .Should().ThrowAsync<ConcurrencyConflictException>();
        (await database.Orders.GetByReferencesAsync(storeId, ["TG-1"], default))["TG-1"].Version.Should().Be(version);
        (await database.Orders.FindUpdateKeysAsync(storeId, ["tg:5"], default)).Should().BeEmpty();

        // An order changed since it was loaded: nothing saved.
        var stale = (await database.Orders.GetByReferencesAsync(storeId, ["TG-2"], default))["TG-2"];
        await database.Orders.SaveWithFeedEntriesAsync([ToSave((await database.Orders.GetByReferencesAsync(storeId, ["TG-2"], default))["TG-2"])], [Entry("tg:6")], default);
        await FluentActions.Awaiting(() => database.Orders.SaveWithFeedEntriesAsync([ToSave(stale)], [Entry("tg:7")], default))
            .Should().ThrowAsync<ConcurrencyConflictException>();
        (await database.Orders.FindUpdateKeysAsync(storeId, ["tg:6", "tg:7"], default)).Should().BeEquivalentTo(["tg:6"]);
    }

    [SkippableFact]
    public async Task Feed_ReadsAfterACursor_AndAcknowledgesForwardOnly()
    {
        Skip.If(database.SkipReason is not null, database.SkipReason);
        var storeId = await NewStore();
        var otherStore = await NewStore();
        await database.Orders.SaveChangesAsync([ChannelOrder.Receive(storeId, Content("FD-1"), "h", Now), ChannelOrder.Receive(otherStore, Content("FD-1"), "h", Now)], default);
        var cursors = new List<long>();
        foreach (var i in Enumerable.Range(1, 3))
        {
            var order = (await database.Orders.GetByReferencesAsync(storeId, ["FD-1"], default))["FD-1"];
            cursors.Add((await database.Orders.SaveWithFeedEntryAsync(order, new StoreUpdate(0, storeId, StoreUpdateTypes.Cancel, Now, "{}", $"k{i}"), default)).Cursor);
        }

        var other = (await database.Orders.GetByReferencesAsync(otherStore, ["FD-1"], default))["FD-1"];
        await database.Orders.SaveWithFeedEntryAsync(other, new StoreUpdate(0, otherStore, StoreUpdateTypes.Cancel, Now, "{}", "k1"), default);

        (await database.Feed.ReadAsync(storeId, null, 10, default)).Select(u => u.Cursor).Should().Equal(cursors);
        (await database.Feed.ReadAsync(storeId, cursors[0], 1, default)).Select(u => u.Cursor).Should().Equal(cursors[1]);
        (await database.Feed.AcknowledgeAsync(storeId, cursors[1], default)).Should().Be(cursors[1]);
        (await database.Feed.AcknowledgeAsync(storeId, cursors[0], default)).Should().Be(cursors[1]);
        (await database.Feed.ReadAsync(storeId, null, 10, default)).Select(u => u.Cursor).Should().Equal(cursors[2]);
        (await database.Feed.GetAcknowledgedAsync(otherStore, default)).Should().Be(0);
    }

    [SkippableFact]
    public async Task Feed_IsNumberedByItsStore_FromOne_SoItsCursorsSayNothingOfAnotherStores()
    {
        // A store's cursors and RefundReferences are its own count (ADR-041): another store's updates in between, by
        // either way of appending, leave no gap a store could count them by.
        Skip.If(database.SkipReason is not null, database.SkipReason);
        var (first, second) = (await NewStore(), await NewStore());
        foreach (var storeId in new[] { first, second })
        {
            await database.Orders.SaveChangesAsync([ChannelOrder.Receive(storeId, Content("SQ-1"), "h", Now), ChannelOrder.Receive(storeId, Content("SQ-2"), "h", Now)], default);
        }

        async Task AppendOne(string storeId, string key) => await database.Orders.SaveWithFeedEntryAsync(
            (await database.Orders.GetByReferencesAsync(storeId, ["SQ-1"], default))["SQ-1"], new StoreUpdate(0, storeId, StoreUpdateTypes.Refund, Now, "{}", key), default);
        async Task AppendBatch(string storeId, params string[] keys) => await database.Orders.SaveWithFeedEntriesAsync(
            [DatabaseFixture.Renderer.ToSave((await database.Orders.GetByReferencesAsync(storeId, ["SQ-2"], default))["SQ-2"])],
            [.. keys.Select(k => new StoreUpdate(0, storeId, StoreUpdateTypes.Despatch, Now, "{}", k))], default);

        await AppendOne(first, "a1");
        await AppendBatch(second, "b1", "b2", "b3");
        await AppendBatch(first, "a2", "a3");
        await AppendOne(second, "b4");
        await AppendOne(first, "a4");

        (await database.Feed.ReadAsync(first, 0, 100, default)).Select(u => (u.Cursor, u.DedupKey)).Should().Equal((1, "a1"), (2, "a2"), (3, "a3"), (4, "a4"));
        (await database.Feed.ReadAsync(second, 0, 100, default)).Select(u => (u.Cursor, u.DedupKey)).Should().Equal((1, "b1"), (2, "b2"), (3, "b3"), (4, "b4"));
        (await database.Orders.FindUpdateAsync(second, "b4", default))!.Reference.Should().Be("RF-00000004");
    }

    [SkippableFact]
    public async Task Paging_IsStableWhileOrdersArriveAndChange()
    {
        Skip.If(database.SkipReason is not null, database.SkipReason);
        var storeId = await NewStore();
        var integration = Guid.NewGuid().ToString("N");
        await database.Orders.SaveChangesAsync([.. Enumerable.Range(1, 25).Select(i => ChannelOrder.Receive(storeId, Content($"PG-{i:D2}"), "h", Now))], default);
        OrderPageRequest Page(int n) => new(integration, storeId, Now.AddDays(-1), n, 10, IncludeUnpaid: true, null, int.MaxValue, DatabaseFixture.Renderer.Format);

        var page1 = await database.OrderQueries.GetPageAsync(Page(1), default);
        await database.Orders.SaveChangesAsync([.. Enumerable.Range(1, 5).Select(i => ChannelOrder.Receive(storeId, Content($"NEW-{i}"), "h", Now))], default);
        var changed = (await database.Orders.GetByReferencesAsync(storeId, ["PG-03", "PG-22"], default)).Values.ToList();
        changed.ForEach(o => o.Replace(o.Content with { Site = "changed" }, "h2", Now.AddMinutes(1)));
        await database.Orders.SaveChangesAsync(changed, default);
        var page2 = await database.OrderQueries.GetPageAsync(Page(2), default);
        var page3 = await database.OrderQueries.GetPageAsync(Page(3), default);
        var page2Again = await database.OrderQueries.GetPageAsync(Page(2), default);

        new[] { page1, page2, page3 }.Select(p => (p.Orders.Count, p.HasMorePages)).Should().Equal((10, true), (10, true), (5, false));
        var refs = new[] { page1, page2, page3 }.SelectMany(p => p.Orders).Select(o => o.Reference()).ToList();
        refs.Should().OnlyHaveUniqueItems().And.BeEquivalentTo(Enumerable.Range(1, 25).Select(i => $"PG-{i:D2}"));
        page2Again.Orders.Select(o => o.Reference()).Should().Equal(page2.Orders.Select(o => o.Reference()), "a retried page is the same page");
        var skipped = await database.OrderQueries.GetPageAsync(Page(3) with { IntegrationId = Guid.NewGuid().ToString("N") }, default);
        skipped.Orders.Should().HaveCount(10, "a page asked for without its predecessors is found by walking the snapshot");

        var nextRun = await database.OrderQueries.GetPageAsync(Page(1) with { PageSize = 100 }, default);
        nextRun.Orders.Select(o => o.Reference()).Should().HaveCount(30).And.OnlyHaveUniqueItems();
    }

    [SkippableFact]
    public async Task Paging_APageFoundAgainByCounting_StartsWhereTheRunLeftIt_ThoughOrdersLeftTheDownloadsMeanwhile()
    {
        Skip.If(database.SkipReason is not null, database.SkipReason);
        var storeId = await NewStore();
        var integration = Guid.NewGuid().ToString("N");
        await database.Orders.SaveChangesAsync([.. Enumerable.Range(1, 6).Select(i => ChannelOrder.Receive(storeId, Content($"LD-{i}"), "h", Now))], default);
        OrderPageRequest Page(int n) => new(integration, storeId, Now.AddDays(-1), n, 2, IncludeUnpaid: true, null, int.MaxValue, DatabaseFixture.Renderer.Format);
        var page1 = await database.OrderQueries.GetPageAsync(Page(1), default);

        // Linnworks despatches an order of page 1 and one of page 2, and the operator erases the buyer of the other of page 1.
        var orders = await database.Orders.GetByReferencesAsync(storeId, ["LD-1", "LD-2", "LD-4"], default);
        foreach (var despatched in new[] { orders["LD-1"], orders["LD-4"] })
        {
            despatched.RecordDespatch([], Now.AddMinutes(1)).IsSuccess.Should().BeTrue();
            await database.Orders.SaveWithFeedEntryAsync(
                despatched, new StoreUpdate(0, storeId, StoreUpdateTypes.Despatch, Now, "{}", "ld-" + despatched.ReferenceNumber), default);
        }

        orders["LD-2"].ErasePersonalData(Now.AddMinutes(1)).Should().BeTrue();
        await database.Orders.SaveErasedAsync([orders["LD-2"]], default);
        var otherNode = await database.AnotherNodesOrderQueriesAsync(integration);
        var page2 = await otherNode.GetPageAsync(Page(2), default);
        var page3 = await otherNode.GetPageAsync(Page(3), default);

        page1.Orders.Select(o => o.Reference()).Should().Equal("LD-1", "LD-2");
        page2.Orders.Select(o => o.Reference()).Should().Equal(["LD-3"], "LD-1 and LD-2 keep their places on page 1; LD-4 keeps its place on page 2, not served");
        page2.HasMorePages.Should().BeTrue();
        page3.Orders.Select(o => o.Reference()).Should().Equal("LD-5", "LD-6");
        page3.HasMorePages.Should().BeFalse();
        (await database.OrderQueries.GetPageAsync(Page(2), default)).Orders.Select(o => o.Reference()).Should().Equal(["LD-3"], "the run's own node serves the same page");
        await database.Orders.SaveChangesAsync([ChannelOrder.Receive(storeId, Content("LD-7"), "h", Now.AddMinutes(2))], default);
        var nextRun = await database.OrderQueries.GetPageAsync(Page(1) with { ChangedSinceUtc = Now.AddDays(-2), PageSize = 100 }, default);
        nextRun.Orders.Select(o => o.Reference()).Should().Equal(["LD-3", "LD-5", "LD-6", "LD-7"], "a run begun after they left counts them out");
    }

    [SkippableFact]
    public async Task Paging_ARunBegunAfterOrdersLeftTheDownloads_CountsThemOut_ThoughNothingChangedSince()
    {
        Skip.If(database.SkipReason is not null, database.SkipReason);
        var storeId = await NewStore();
        await database.Orders.SaveChangesAsync([.. Enumerable.Range(1, 5).Select(i => ChannelOrder.Receive(storeId, Content($"QS-{i}"), "h", Now))], default);
        var orders = await database.Orders.GetByReferencesAsync(storeId, ["QS-1", "QS-2", "QS-3", "QS-4"], default);
        foreach (var reference in new[] { "QS-1", "QS-2", "QS-3" })
        {
            orders[reference].RecordDespatch([], Now.AddMinutes(1)).IsSuccess.Should().BeTrue();
            await database.Orders.SaveWithFeedEntryAsync(orders[reference], new StoreUpdate(0, storeId, StoreUpdateTypes.Despatch, Now, "{}", "qs-" + reference), default);
        }

        orders["QS-4"].ErasePersonalData(Now.AddMinutes(1)).Should().BeTrue();
        await database.Orders.SaveErasedAsync([orders["QS-4"]], default);

        var page1 = await database.OrderQueries.GetPageAsync(
            new OrderPageRequest(Guid.NewGuid().ToString("N"), storeId, Now.AddDays(-1), 1, 2, true, null, int.MaxValue, DatabaseFixture.Renderer.Format), default);

        page1.Orders.Select(o => o.Reference()).Should().Equal(["QS-5"], "the store's last change is the despatches' and the erasure's own, which the run sees");
        page1.HasMorePages.Should().BeFalse("no page of orders that are out of the downloads follows");
    }

    [SkippableFact]
    public async Task Paging_APageFoundAgainByCounting_StartsWhereTheRunLeftIt_ThoughOrdersTurnedUnpaidMeanwhile()
    {
        Skip.If(database.SkipReason is not null, database.SkipReason);
        var storeId = await NewStore();
        var integration = Guid.NewGuid().ToString("N");
        OrderContent Placed(int i) => i == 5 ? Content("FC-5") with { PaymentStatus = PaymentStatus.Unpaid } : Content($"FC-{i}");
        await database.Orders.SaveChangesAsync([.. Enumerable.Range(1, 7).Select(i => ChannelOrder.Receive(storeId, Placed(i), "h", Now))], default);
        OrderPageRequest Page(int n) => new(integration, storeId, Now.AddDays(-1), n, 2, IncludeUnpaid: false, null, int.MaxValue, DatabaseFixture.Renderer.Format);
        var page1 = await database.OrderQueries.GetPageAsync(Page(1), default);

        // The platform marks both orders of page 1 and one of page 2 unpaid again, and changes FC-5, unpaid all along.
        var orders = await database.Orders.GetByReferencesAsync(storeId, ["FC-1", "FC-2", "FC-4", "FC-5"], default);
        foreach (var order in orders.Values)
        {
            order.Replace(order.Content with { PaymentStatus = PaymentStatus.Unpaid, Site = "changed" }, "h-unpaid", Now.AddMinutes(1));
        }

        await database.Orders.SaveChangesAsync([.. orders.Values], default);
        var otherNode = await database.AnotherNodesOrderQueriesAsync(integration);
        var page2 = await otherNode.GetPageAsync(Page(2), default);
        var later = page2.HasMorePages ? await ReferencesFromPageAsync(otherNode, Page, 3) : [];

        page1.Orders.Select(o => o.Reference()).Should().Equal("FC-1", "FC-2");
        page2.Orders.Select(o => o.Reference()).Should().Equal(["FC-3"], "FC-1 and FC-2 keep their places on page 1; FC-4 keeps its place on page 2, not served unpaid");
        later.Should().Equal(["FC-6", "FC-7"], "FC-5, changed during the run, counts in and is not served unpaid");
        var nextRun = await database.OrderQueries.GetPageAsync(Page(1) with { ChangedSinceUtc = Now.AddDays(-2), PageSize = 100 }, default);
        nextRun.Orders.Select(o => o.Reference()).Should().Equal(["FC-3", "FC-6", "FC-7"], "a run begun after the changes leaves the unpaid orders out");
    }

    [SkippableFact]
    public async Task Paging_APageFoundAgainByCounting_StartsWhereTheRunLeftIt_ThoughOrdersWereReceivedEarlierThanTheySaid()
    {
        Skip.If(database.SkipReason is not null, database.SkipReason);
        var storeId = await NewStore();
        var integration = Guid.NewGuid().ToString("N");
        var notBefore = Now.AddDays(-30);
        OrderContent Placed(int i) => i == 5 ? Content("RD-5") with { ReceivedDate = notBefore.AddDays(-1) } : Content($"RD-{i}");
        await database.Orders.SaveChangesAsync([.. Enumerable.Range(1, 7).Select(i => ChannelOrder.Receive(storeId, Placed(i), "h", Now))], default);
        OrderPageRequest Page(int n) => new(integration, storeId, Now.AddDays(-1), n, 2, IncludeUnpaid: true, notBefore, int.MaxValue, DatabaseFixture.Renderer.Format);
        var page1 = await database.OrderQueries.GetPageAsync(Page(1), default);

        // The platform corrects the received date of both orders of page 1 and one of page 2 to before
        // IgnoreOrdersOlderThanDays, and moves RD-5, too old all along, into it.
        var orders = await database.Orders.GetByReferencesAsync(storeId, ["RD-1", "RD-2", "RD-4", "RD-5"], default);
        foreach (var order in orders.Values)
        {
            var received = order.ReferenceNumber == "RD-5" ? Now.AddHours(-2) : notBefore.AddDays(-2);
            order.Replace(order.Content with { ReceivedDate = received }, "h-received", Now.AddMinutes(1));
        }

        await database.Orders.SaveChangesAsync([.. orders.Values], default);
        var otherNode = await database.AnotherNodesOrderQueriesAsync(integration);
        var page2 = await otherNode.GetPageAsync(Page(2), default);
        var later = page2.HasMorePages ? await ReferencesFromPageAsync(otherNode, Page, 3) : [];

        page1.Orders.Select(o => o.Reference()).Should().Equal("RD-1", "RD-2");
        page2.Orders.Select(o => o.Reference()).Should().Equal(["RD-3"], "RD-1 and RD-2 keep their places on page 1; RD-4 keeps its place on page 2, not served");
        later.Should().Equal(["RD-5", "RD-6", "RD-7"], "RD-5, changed during the run, counts in, and is served as it is now");
        var nextRun = await database.OrderQueries.GetPageAsync(Page(1) with { ChangedSinceUtc = Now.AddDays(-2), PageSize = 100 }, default);
        nextRun.Orders.Select(o => o.Reference()).Should().Equal(["RD-3", "RD-6", "RD-7", "RD-5"], "a run begun after the changes leaves the orders received too early out, and has RD-5 at its change");
    }

    [SkippableFact]
    public async Task Paging_ARunKeepsTheSettingsItBeganWith_SoAPageFoundAgainByCountingSkipsNoOrder_WhenTheSellerChangesThem()
    {
        Skip.If(database.SkipReason is not null, database.SkipReason);
        var storeId = await NewStore();
        var integration = Guid.NewGuid().ToString("N");
        OrderContent Placed(int i) => i is 2 or 5 ? Content($"RS-{i}") with { PaymentStatus = PaymentStatus.Unpaid } : Content($"RS-{i}");
        await database.Orders.SaveChangesAsync([.. Enumerable.Range(1, 7).Select(i => ChannelOrder.Receive(storeId, Placed(i), "h", Now))], default);
        OrderPageRequest Page(int n, bool importUnpaid) => new(integration, storeId, Now.AddDays(-1), n, 2, importUnpaid, null, int.MaxValue, DatabaseFixture.Renderer.Format);
        var page1 = await database.OrderQueries.GetPageAsync(Page(1, importUnpaid: true), default);

        // The seller turns ImportUnpaidOrders off; Linnworks asks for the run's next pages with it, and they reach another node.
        var otherNode = await database.AnotherNodesOrderQueriesAsync(integration);
        var page2 = await otherNode.GetPageAsync(Page(2, importUnpaid: false), default);
        var later = page2.HasMorePages ? await ReferencesFromPageAsync(otherNode, n => Page(n, importUnpaid: false), 3) : [];

        page1.Orders.Select(o => o.Reference()).Should().Equal("RS-1", "RS-2");
        page2.Orders.Select(o => o.Reference()).Should().Equal(["RS-3", "RS-4"], "page 1 is counted as it was served, with unpaid orders");
        later.Should().Equal(["RS-5", "RS-6", "RS-7"], "the run keeps the settings it began with to its end");
        var nextRun = await database.OrderQueries.GetPageAsync(Page(1, importUnpaid: false) with { ChangedSinceUtc = Now.AddDays(-2), PageSize = 100 }, default);
        nextRun.Orders.Select(o => o.Reference()).Should().Equal(["RS-1", "RS-3", "RS-4", "RS-6", "RS-7"], "the next run has the new settings");
    }

    [SkippableFact]
    public async Task Paging_ARunKeepsTheReceivedDateCutOffItBeganWith_WhenTheSellerChangesIgnoreOrdersOlderThanDays()
    {
        Skip.If(database.SkipReason is not null, database.SkipReason);
        var storeId = await NewStore();
        var integration = Guid.NewGuid().ToString("N");
        OrderContent Placed(int i) => i == 2 ? Content("RC-2") with { ReceivedDate = Now.AddDays(-20) } : Content($"RC-{i}");
        await database.Orders.SaveChangesAsync([.. Enumerable.Range(1, 5).Select(i => ChannelOrder.Receive(storeId, Placed(i), "h", Now))], default);
        OrderPageRequest Page(int n, int days) => new(integration, storeId, Now.AddDays(-1), n, 2, true, Now.AddDays(-days), int.MaxValue, DatabaseFixture.Renderer.Format);
        var page1 = await database.OrderQueries.GetPageAsync(Page(1, days: 30), default);

        // The seller lowers IgnoreOrdersOlderThanDays from 30 to 10 during the run.
        var otherNode = await database.AnotherNodesOrderQueriesAsync(integration);
        var page2 = await otherNode.GetPageAsync(Page(2, days: 10), default);

        page1.Orders.Select(o => o.Reference()).Should().Equal("RC-1", "RC-2");
        page2.Orders.Select(o => o.Reference()).Should().Equal(["RC-3", "RC-4"], "page 1 is counted with the cut-off it was served with");
    }

    [SkippableFact]
    public async Task Paging_APageLooksAtALimitedWindowOfChanges_AndARunStillServesEveryOrderOnce_OnEveryNode()
    {
        Skip.If(database.SkipReason is not null, database.SkipReason);
        var storeId = await NewStore();
        var integration = Guid.NewGuid().ToString("N");
        var notBefore = Now.AddDays(-30);
        // Orders 3 to 14 were received before IgnoreOrdersOlderThanDays (a store that loaded its history after the
        // integration was made), and order 16 changed twice, so its first change is one more the pages pass over.
        OrderContent Placed(int i) => i is >= 3 and <= 14 ? Content($"SW-{i:D2}") with { ReceivedDate = notBefore.AddDays(-i) } : Content($"SW-{i:D2}");
        await database.Orders.SaveChangesAsync([.. Enumerable.Range(1, 20).Select(i => ChannelOrder.Receive(storeId, Placed(i), "h", Now))], default);
        var changedTwice = (await database.Orders.GetByReferencesAsync(storeId, ["SW-16"], default))["SW-16"];
        changedTwice.Replace(changedTwice.Content with { Site = "changed" }, "h2", Now.AddMinutes(1));
        await database.Orders.SaveChangesAsync([changedTwice], default);
        OrderPageRequest Page(int n) => new(integration, storeId, Now.AddDays(-1), n, 2, IncludeUnpaid: true, notBefore, int.MaxValue, DatabaseFixture.Renderer.Format);

        var walk = new List<(int Page, string[] Orders, bool More)>();
        var node = database.OrderQueriesScanning(3);
        for (var (n, more) = (1, true); more; n++)
        {
            n.Should().BeLessThan(20, "every page moves past at least one change");
            var page = await node.GetPageAsync(Page(n), default);
            walk.Add((n, [.. page.Orders.Select(o => o.Reference())], page.HasMorePages));
            more = page.HasMorePages;
        }

        walk.SelectMany(p => p.Orders).Should().Equal("SW-01", "SW-02", "SW-15", "SW-17", "SW-18", "SW-19", "SW-20", "SW-16");
        walk.Should().Contain(p => p.Orders.Length == 0 && p.More, "a window of orders too old to send is a page of none, and more follow");
        foreach (var (number, orders, more) in walk)
        {
            var otherNode = await database.AnotherNodesOrderQueriesAsync(integration, scanLimit: 3);
            var found = await otherNode.GetPageAsync(Page(number), default);
            found.Orders.Select(o => o.Reference()).Should().Equal(orders, "page {0} found again by counting is the page the run served", number);
            found.HasMorePages.Should().Be(more);
        }

        var unlimited = await database.OrderQueries.GetPageAsync(Page(1) with { IntegrationId = Guid.NewGuid().ToString("N"), PageSize = 100 }, default);
        unlimited.Orders.Select(o => o.Reference()).Should().Equal(walk.SelectMany(p => p.Orders), "the window changes where pages end, not what a run serves");
    }

    [SkippableFact]
    public async Task Paging_ARunBegunAgainOnAnotherNode_IsTheRunEveryNodeGoesOnWith()
    {
        Skip.If(database.SkipReason is not null, database.SkipReason);
        var storeId = await NewStore();
        var integration = Guid.NewGuid().ToString("N");
        await database.Orders.SaveChangesAsync([.. Enumerable.Range(1, 6).Select(i => ChannelOrder.Receive(storeId, Content($"AG-{i}"), "h", Now))], default);
        OrderPageRequest Page(int n) => new(integration, storeId, Now.AddDays(-1), n, 2, IncludeUnpaid: true, null, int.MaxValue, DatabaseFixture.Renderer.Format);
        var nodeA = database.OrderQueries;
        (await nodeA.GetPageAsync(Page(1), default)).Orders.Select(o => o.Reference()).Should().Equal("AG-1", "AG-2");
        (await nodeA.GetPageAsync(Page(2), default)).Orders.Select(o => o.Reference()).Should().Equal("AG-3", "AG-4");

        // The run fails on Linnworks' side; meanwhile AG-1 changes and AG-7 arrives. Linnworks downloads again from the
        // same UTCTimeFrom: page 1 reaches node B, which begins the run again, and the pages after it alternate.
        var changed = (await database.Orders.GetByReferencesAsync(storeId, ["AG-1"], default))["AG-1"];
        changed.Replace(changed.Content with { Site = "changed" }, "h2", Now.AddMinutes(1));
        await database.Orders.SaveChangesAsync([changed, ChannelOrder.Receive(storeId, Content("AG-7"), "h", Now.AddMinutes(1))], default);
        var nodeB = await database.AnotherNodesOrderQueriesAsync(integration);
        var served = new List<string>();
        for (var (n, more) = (1, true); more; n++)
        {
            var page = await (n % 2 == 1 ? nodeB : nodeA).GetPageAsync(Page(n), default);
            (served, more) = ([.. served, .. page.Orders.Select(o => o.Reference())], page.HasMorePages);
        }

        served.Should().Equal(["AG-2", "AG-3", "AG-4", "AG-5", "AG-6", "AG-1", "AG-7"], "node A goes on with the run node B began, not the one it served before");
    }

    [SkippableFact]
    public async Task Pruning_RemovesOnlyChangesSupersededLongAgo_AndPagingStillFindsEveryOrderOnce()
    {
        Skip.If(database.SkipReason is not null, database.SkipReason);
        var storeId = await NewStore();
        var integration = Guid.NewGuid().ToString("N");
        var longAgo = DateTime.UtcNow.AddDays(-10);
        await database.Orders.SaveChangesAsync([ChannelOrder.Receive(storeId, Content("PR-1"), "h1", longAgo), ChannelOrder.Receive(storeId, Content("PR-2"), "h1", longAgo)], default);
        var first = (await database.Orders.GetByReferencesAsync(storeId, ["PR-1"], default))["PR-1"];
        first.Replace(first.Content with { Site = "a" }, "h2", longAgo.AddDays(1));
        await database.Orders.SaveChangesAsync([first], default);
        var recent = (await database.Orders.GetByReferencesAsync(storeId, ["PR-2"], default))["PR-2"];
        recent.Replace(recent.Content with { Site = "b" }, "h2", DateTime.UtcNow);
        await database.Orders.SaveChangesAsync([recent], default);

        var pruned = await database.Pruner.PruneAsync(default);

        pruned.Should().BeGreaterThanOrEqualTo(1, "PR-1's first change is superseded by a change older than the cut-off");
        await using var connection = await database.Connections.OpenAsync(default);
        var rows = (await Dapper.SqlMapper.QueryAsync<(long OrderId, long Seq)>(connection,
            "SELECT o.Id, c.Seq FROM OrderChanges c JOIN Orders o ON o.Id = c.OrderId WHERE o.StoreId = @StoreId", new { StoreId = storeId })).ToList();
        rows.Should().HaveCount(3, "PR-1 keeps its latest change; PR-2 keeps both because its superseding change is recent");
        var page = await database.OrderQueries.GetPageAsync(new OrderPageRequest(integration, storeId, longAgo.AddDays(-1), 1, 10, true, null, int.MaxValue, DatabaseFixture.Renderer.Format), default);
        page.Orders.Select(o => o.Reference()).Should().BeEquivalentTo("PR-1", "PR-2");
    }

    [SkippableFact]
    public async Task Pruning_WalksOnFromTheFirstChangeNotYetPastTheCutoff_SoNoLaterRoundSkipsIt()
    {
        Skip.If(database.SkipReason is not null, database.SkipReason);
        var clock = new SettableClock { UtcNow = new DateTime(2100, 1, 1, 0, 0, 0, DateTimeKind.Utc) };
        var pruner = new Persistence.Maintenance.ChangeLogPruner(
            database.Connections, clock, Microsoft.Extensions.Logging.Abstractions.NullLogger<Persistence.Maintenance.ChangeLogPruner>.Instance);
        await pruner.PruneAsync(default, batchSize: 3);   // the log as other tests left it, walked to its end in windows of 3
        var storeId = await NewStore();
        var t0 = new DateTime(2099, 12, 1, 0, 0, 0, DateTimeKind.Utc);
        await database.Orders.SaveChangesAsync([ChannelOrder.Receive(storeId, Content("WALK-1"), "h1", t0)], default);
        var order = (await database.Orders.GetByReferencesAsync(storeId, ["WALK-1"], default))["WALK-1"];
        order.Replace(order.Content with { Site = "later" }, "h2", t0.AddHours(2));
        await database.Orders.SaveChangesAsync([order], default);
        // Committed after that second change by a node whose clock runs behind: past the cut-off below, but later in the log.
        await database.Orders.SaveChangesAsync([ChannelOrder.Receive(storeId, Content("WALK-2"), "h1", t0)], default);

        clock.UtcNow = t0.AddHours(1) + Persistence.Maintenance.ChangeLogPruner.SupersededAfter;   // the first change is past the cut-off, the second not
        (await pruner.PruneAsync(default, batchSize: 3)).Should().Be(0, "the superseding change is not past the cut-off yet");
        (await Changes(storeId)).Should().Be(3);

        clock.UtcNow = new DateTime(2100, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        (await pruner.PruneAsync(default, batchSize: 3)).Should().Be(1, "the walk stopped before the second change and goes on from there");
        (await Changes(storeId)).Should().Be(2, "each order keeps its latest change");
        (await pruner.PruneAsync(default, batchSize: 3)).Should().Be(0);
    }

    private async Task<long> Changes(string storeId)
    {
        await using var connection = await database.Connections.OpenAsync(default);
        return await Dapper.SqlMapper.ExecuteScalarAsync<long>(connection, "SELECT COUNT(*) FROM OrderChanges WHERE StoreId = @StoreId", new { StoreId = storeId });
    }

    private sealed class SettableClock : TimeProvider
    {
        public DateTime UtcNow { get; set; }

        public override DateTimeOffset GetUtcNow() => new(UtcNow);
    }

    [SkippableFact]
    public async Task ARun_StartsAtTheLowestCommitSequence_NotTheEarliestClock()
    {
        Skip.If(database.SkipReason is not null, database.SkipReason);
        var storeId = await NewStore();
        var integration = Guid.NewGuid().ToString("N");
        // Node A's clock runs ahead: its change commits first (lower Seq) but carries a later time than node B's.
        await database.Orders.SaveChangesAsync([ChannelOrder.Receive(storeId, Content("SKEW-A"), "h", Now.AddSeconds(10))], default);
        await database.Orders.SaveChangesAsync([ChannelOrder.Receive(storeId, Content("SKEW-B"), "h", Now.AddSeconds(5))], default);

        var page = await database.OrderQueries.GetPageAsync(new OrderPageRequest(integration, storeId, Now.AddSeconds(5), 1, 10, true, null, int.MaxValue, DatabaseFixture.Renderer.Format), default);

        page.Orders.Select(o => o.Reference()).Should().BeEquivalentTo(["SKEW-A", "SKEW-B"], "starting at B's Seq would skip A for good");
    }

    [SkippableFact]
    public async Task ReferenceNumbers_AreExact_CaseMatters()
    {
        Skip.If(database.SkipReason is not null, database.SkipReason);
        var storeId = await NewStore();
        await database.Orders.SaveChangesAsync([ChannelOrder.Receive(storeId, Content("case-1"), "h", Now)], default);

        await database.Orders.SaveChangesAsync([ChannelOrder.Receive(storeId, Content("CASE-1"), "h", Now)], default);

        (await database.Orders.GetByReferencesAsync(storeId, ["case-1", "CASE-1", "Case-1"], default)).Keys.Should().BeEquivalentTo("case-1", "CASE-1");
    }

    [SkippableFact]
    public async Task Dates_RoundTripToTheTick()
    {
        Skip.If(database.SkipReason is not null, database.SkipReason);
        var storeId = await NewStore();
        var precise = new DateTime(2026, 11, 25, 9, 0, 0, DateTimeKind.Utc).AddTicks(1_234_567);
        await database.Orders.SaveChangesAsync([ChannelOrder.Receive(storeId, Content("TICK-1") with { ReceivedDate = precise }, "h", precise)], default);

        var loaded = (await database.Orders.GetByReferencesAsync(storeId, ["TICK-1"], default))["TICK-1"];

        loaded.Content.ReceivedDate.Should().Be(precise);
        loaded.LastChangedUtc.Should().Be(precise, "datetime would have rounded it to 1/300 s");
    }

    private async Task<string> NewStore()
    {
        var (store, _) = Store.Create("Orders " + Guid.NewGuid().ToString("N")[..6], Now).Value;
        await database.Stores.SaveAsync(store, default);
        return store.Id;
    }

    /// <summary>The orders of a run's pages from <paramref name="first"/> to its end, as <paramref name="node"/> serves them.</summary>
    internal static async Task<List<string>> ReferencesFromPageAsync(IOrderQueries node, Func<int, OrderPageRequest> page, int first)
    {
        var references = new List<string>();
        for (var (n, more) = (first, true); more; n++)
        {
            var answer = await node.GetPageAsync(page(n), default);
            (references, more) = ([.. references, .. answer.Orders.Select(o => o.Reference())], answer.HasMorePages);
        }

        return references;
    }

    internal static OrderContent Content(string reference) => OrderRules.Validate(new OrderContent
    {
        ReferenceNumber = reference,
        PaymentStatus = "PAID",
        ReceivedDate = Now.AddHours(-1),
        DeliveryAddress = new OrderAddress { FullName = "Jane", Address1 = "1 Old St", CountryCode = "GB" },
        OrderItems =
        [
            new OrderLine { OrderLineNumber = "1", SKU = "ABC", Qty = 2, PricePerUnit = 9.99m },
            new OrderLine { OrderLineNumber = "2", SKU = "DEF", Qty = 1, PricePerUnit = decimal.Parse("4.50", CultureInfo.InvariantCulture) },
        ],
    }).Value;
}

public sealed class SqliteOrderRepositoryTests(SqliteDatabaseFixture database) : OrderRepositoryContract(database), IClassFixture<SqliteDatabaseFixture>;

/// <summary>The same on SQLite with its writes sent in batches, as on SQL Server (<see cref="SqliteBatchingDatabaseFixture"/>).</summary>
public sealed class SqliteBatchedOrderRepositoryTests(SqliteBatchingDatabaseFixture database)
    : OrderRepositoryContract(database), IClassFixture<SqliteBatchingDatabaseFixture>;

[Trait("Category", "Docker")]
public sealed class SqlServerOrderRepositoryTests(SqlServer.SqlServerDatabaseFixture database) : OrderRepositoryContract(database), IClassFixture<SqlServer.SqlServerDatabaseFixture>;
