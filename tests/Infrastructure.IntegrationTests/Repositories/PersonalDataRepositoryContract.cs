using ChannelBridge.Application.PersonalData;
using ChannelBridge.Domain.Orders;
using ChannelBridge.Domain.Stores;
using ChannelBridge.Infrastructure.Persistence.PersonalData;

namespace ChannelBridge.Infrastructure.IntegrationTests.Repositories;

/// <summary>Retention settings, the sweep's candidates, erased orders, delivered feed entries, the audit and the job lease, on every provider.</summary>
public abstract class PersonalDataRepositoryContract(DatabaseFixture database)
{
    private static readonly DateTime Now = DateTime.UtcNow;

    private IPersonalDataRepository Data => new PersonalDataRepository(database.Connections, TimeProvider.System);

    [SkippableFact]
    public async Task FinishedOrders_ArePicked_OldestFirst_UntilErased_AndAnErasedOrderKeepsItsHash()
    {
        Skip.If(database.SkipReason is not null, database.SkipReason);
        var storeId = await NewStore();
        await database.Orders.SaveChangesAsync(
            [ChannelOrder.Receive(storeId, Order("F-1", "jo+x@example.com"), "h1", Now.AddDays(-40)), ChannelOrder.Receive(storeId, Order("F-2", "b@example.com"), "h2", Now.AddDays(-35)),
             ChannelOrder.Receive(storeId, Order("OPEN", "c@example.com"), "h3", Now.AddDays(-50))],
            default);
        var orders = await database.Orders.GetByReferencesAsync(storeId, ["F-1", "F-2"], default);
        foreach (var order in orders.Values)
        {
            order.RecordCancellation([], order.LastChangedUtc).IsSuccess.Should().BeTrue();
        }

        await database.Orders.SaveChangesAsync([.. orders.Values], default);

        (await Data.FindFinishedBeforeAsync(storeId, Now.AddDays(-30), 10, default)).Should().Equal("F-1", "F-2");
        (await Data.FindByEmailAsync(storeId, "JO+X@example.com", default)).Should().Equal("F-1");
        var first = (await database.Orders.GetByReferencesAsync(storeId, ["F-1"], default))["F-1"];
        first.ErasePersonalData(Now).Should().BeTrue();
        await database.Orders.SaveErasedAsync([first], default);

        (await Data.FindFinishedBeforeAsync(storeId, Now.AddDays(-30), 10, default)).Should().Equal("F-2");
        (await Data.FindByEmailAsync(storeId, "jo+x@example.com", default)).Should().BeEmpty();
        var erased = (await database.Orders.GetByReferencesAsync(storeId, ["F-1"], default))["F-1"];
        erased.ErasedUtc.Should().BeCloseTo(Now, TimeSpan.FromMilliseconds(1));
        erased.ContentHash.Should().Be("h1");
        erased.Content.DeliveryAddress!.FullName.Should().BeEmpty();
        erased.Content.DeliveryAddress.CountryCode.Should().Be("GB");
    }

    [SkippableFact]
    public async Task AnEmail_IsFoundInAnyCase_PastAsciiToo()
    {
        Skip.If(database.SkipReason is not null, database.SkipReason);
        var storeId = await NewStore();
        await database.Orders.SaveChangesAsync(
            [ChannelOrder.Receive(storeId, Order("U-1", "Zoë.Ørsted+🛒@Exämple.com"), "h1", Now), ChannelOrder.Receive(storeId, Order("U-2", "zoe@example.com"), "h2", Now),
             ChannelOrder.Receive(storeId, Order("U-3", "100%_[x]\\@example.com"), "h3", Now)],
            default);

        (await Data.FindByEmailAsync(storeId, "ZOË.ØRSTED+🛒@EXÄMPLE.COM", default)).Should().Equal("U-1");
        (await Data.FindByEmailAsync(storeId, "zoë.ørsted+🛒@exämple.com", default)).Should().Equal("U-1");
        (await Data.FindByEmailAsync(storeId, "100%_[X]\\@EXAMPLE.COM", default)).Should().Equal("U-3");
        (await Data.FindByEmailAsync(storeId, "100%_[x]@example.com", default)).Should().BeEmpty("LIKE's wildcards in an email are matched as written");
    }

    [SkippableFact]
    public async Task Retention_IsPerStore_AndTheAuditHoldsCountsNewestFirst()
    {
        Skip.If(database.SkipReason is not null, database.SkipReason);
        var storeId = await NewStore();

        (await Data.SetRetentionAsync(storeId, 7, default)).Should().BeTrue();
        (await Data.SetRetentionAsync("no-such-store", 7, default)).Should().BeFalse();
        await Data.RecordErasureAsync(new ErasureRecord(storeId, Now.AddMinutes(-1), ErasureRecord.Retention, 12, 3), default);
        await Data.RecordErasureAsync(new ErasureRecord(storeId, Now, ErasureRecord.Request, 1, 0), default);

        (await Data.GetRetentionsAsync(default)).Should().ContainSingle(r => r.StoreId == storeId).Which.Days.Should().Be(7);
        (await Data.GetErasuresAsync(storeId, 10, default)).Select(e => (e.Reason, e.Orders, e.FeedEntries)).Should().Equal((ErasureRecord.Request, 1, 0), (ErasureRecord.Retention, 12, 3));
    }

    [SkippableFact]
    public async Task TheRetentionsErasuresOfADay_AreOneRow_ARequestIsARowOfItsOwn()
    {
        Skip.If(database.SkipReason is not null, database.SkipReason);
        var storeId = await NewStore();
        var day = new DateTime(2026, 3, 1, 0, 5, 0, DateTimeKind.Utc);

        await Data.RecordErasureAsync(new ErasureRecord(storeId, day, ErasureRecord.Retention, 5, 1), default);
        await Data.RecordErasureAsync(new ErasureRecord(storeId, day.AddHours(1), ErasureRecord.Retention, 7, 0), default);
        await Data.RecordErasureAsync(new ErasureRecord(storeId, day.AddHours(2), ErasureRecord.Request, 1, 0), default);
        await Data.RecordErasureAsync(new ErasureRecord(storeId, day.AddHours(3), ErasureRecord.Retention, 2, 2), default);
        await Data.RecordErasureAsync(new ErasureRecord(storeId, day.AddHours(23.9), ErasureRecord.Retention, 1, 0), default);
        await Data.RecordErasureAsync(new ErasureRecord(storeId, day.AddDays(1), ErasureRecord.Retention, 4, 0), default);

        (await Data.GetErasuresAsync(storeId, 10, default)).Select(e => (e.Reason, e.ErasedUtc, e.Orders, e.FeedEntries)).Should().Equal(
            (ErasureRecord.Retention, day.AddDays(1), 4, 0),
            (ErasureRecord.Retention, day.AddHours(23.9), 3, 2),
            (ErasureRecord.Request, day.AddHours(2), 1, 0),
            (ErasureRecord.Retention, day.AddHours(1), 12, 1));
    }

    [SkippableFact]
    public async Task DeliveredFeedEntries_PastTheCutoff_AreDeleted_TheUndeliveredStay()
    {
        Skip.If(database.SkipReason is not null, database.SkipReason);
        var storeId = await NewStore();
        await database.Orders.SaveChangesAsync([ChannelOrder.Receive(storeId, Order("FD-1", "f@example.com"), "h", Now)], default);
        var order = (await database.Orders.GetByReferencesAsync(storeId, ["FD-1"], default))["FD-1"];
        var old1 = await database.Orders.SaveWithFeedEntryAsync(order, new StoreUpdate(0, storeId, StoreUpdateTypes.Despatch, Now.AddDays(-40), "{}", "fd-1-" + storeId), default);
        var old2 = await database.Orders.SaveWithFeedEntryAsync(order, new StoreUpdate(0, storeId, StoreUpdateTypes.Despatch, Now.AddDays(-40), "{}", "fd-2-" + storeId), default);
        await database.Orders.SaveWithFeedEntryAsync(order, new StoreUpdate(0, storeId, StoreUpdateTypes.Despatch, Now, "{}", "fd-3-" + storeId), default);

        (await Data.DeleteDeliveredFeedAsync(storeId, Now.AddDays(-30), 100, default)).Should().Be(0, "nothing is acknowledged yet");
        await database.Feed.AcknowledgeAsync(storeId, old1.Cursor, default);
        (await Data.DeleteDeliveredFeedAsync(storeId, Now.AddDays(-30), 100, default)).Should().Be(1);

        (await database.Feed.ReadAsync(storeId, 0, 10, default)).Select(u => u.Cursor).Should().NotContain(old1.Cursor).And.Contain(old2.Cursor);
    }

    [SkippableFact]
    public async Task AStoresFeedCharacters_GrowWithEachEntry_AndShrinkByWhatTheSweepDeletes()
    {
        Skip.If(database.SkipReason is not null, database.SkipReason);
        var storeId = await NewStore();
        await database.Orders.SaveChangesAsync([ChannelOrder.Receive(storeId, Order("FC-1", "c@example.com"), "h", Now)], default);
        var order = (await database.Orders.GetByReferencesAsync(storeId, ["FC-1"], default))["FC-1"];
        var old = new StoreUpdate(0, storeId, StoreUpdateTypes.Despatch, Now.AddDays(-40), """{"TrackingNumber":"T-1"}""", "fc-1-" + storeId);
        var recent = new StoreUpdate(0, storeId, StoreUpdateTypes.Refund, Now, """{"Items":[]}""", "fc-22-" + storeId);
        static long Chars(StoreUpdate u) => u.Payload.Length + u.DedupKey.Length;

        (await database.Feed.GetHeldCharsAsync(storeId, default)).Should().Be(0);
        await database.Orders.SaveWithFeedEntryAsync(order, old, default);
        await database.Orders.SaveWithFeedEntriesAsync([DatabaseFixture.Renderer.ToSave(order)], [recent], default);

        (await database.Feed.GetHeldCharsAsync(storeId, default)).Should().Be(Chars(old) + Chars(recent));
        await database.Feed.AcknowledgeAsync(storeId, long.MaxValue / 2, default);
        (await Data.DeleteDeliveredFeedAsync(storeId, Now.AddDays(-30), 100, default)).Should().Be(1);
        (await database.Feed.GetHeldCharsAsync(storeId, default)).Should().Be(Chars(recent));
        (await database.Feed.GetHeldCharsAsync("no-such-store", default)).Should().Be(0);
    }

    [SkippableFact]
    public async Task DeliveredFeedEntries_AreDeletedOldestFirst_InBatches_UpToTheFirstWithinTheRetention()
    {
        Skip.If(database.SkipReason is not null, database.SkipReason);
        var storeId = await NewStore();
        await database.Orders.SaveChangesAsync([ChannelOrder.Receive(storeId, Order("FB-1", "b@example.com"), "h", Now)], default);
        var order = (await database.Orders.GetByReferencesAsync(storeId, ["FB-1"], default))["FB-1"];
        var received = new[] { -50, -49, -48, -47, -46, -1, -45 };   // the last, written by a node whose clock runs behind
        long last = 0;
        foreach (var (days, i) in received.Select((d, i) => (d, i)))
        {
            last = (await database.Orders.SaveWithFeedEntryAsync(
                order, new StoreUpdate(0, storeId, StoreUpdateTypes.Despatch, Now.AddDays(days), "{}", $"fb-{i}-{storeId}"), default)).Cursor;
        }

        await database.Feed.AcknowledgeAsync(storeId, last, default);

        var batches = new List<int>();
        for (var i = 0; i < 4; i++)
        {
            batches.Add(await Data.DeleteDeliveredFeedAsync(storeId, Now.AddDays(-30), 2, default));
        }

        batches.Should().Equal([2, 2, 1, 0], "the five oldest go two at a time; the walk stops at the entry of yesterday");
        (await database.Feed.ReadAsync(storeId, 0, 10, default)).Should().HaveCount(2, "yesterday's entry and the one after it stay until a later sweep reaches them");
    }

    [SkippableFact]
    public async Task TheJobLease_HasOneOwnerAtATime_UntilReleased()
    {
        Skip.If(database.SkipReason is not null, database.SkipReason);
        var job = "job-" + Guid.NewGuid().ToString("N")[..8];

        (await Data.TryLeaseAsync(job, "node-a", TimeSpan.FromMinutes(5), default)).Should().BeTrue();
        (await Data.TryLeaseAsync(job, "node-b", TimeSpan.FromMinutes(5), default)).Should().BeFalse();
        (await Data.TryLeaseAsync(job, "node-a", TimeSpan.FromMinutes(5), default)).Should().BeTrue("the owner renews it");
        await Data.ReleaseLeaseAsync(job, "node-a", default);
        (await Data.TryLeaseAsync(job, "node-b", TimeSpan.FromMinutes(5), default)).Should().BeTrue();
        (await Data.ScrubAsync(default)).Should().BeTrue("nothing else holds the database");
    }

    private async Task<string> NewStore()
    {
        var (store, _) = Store.Create("Privacy " + Guid.NewGuid().ToString("N")[..6], Now).Value;
        await database.Stores.SaveAsync(store, default);
        return store.Id;
    }

    private static OrderContent Order(string reference, string email) => OrderRules.Validate(new OrderContent
    {
        ReferenceNumber = reference,
        PaymentStatus = "PAID",
        ReceivedDate = Now,
        DeliveryAddress = new OrderAddress { FullName = "Jane " + reference, CountryCode = "GB", EmailAddress = email },
        OrderItems = [new OrderLine { OrderLineNumber = "1", SKU = "A", Qty = 1 }],
    }).Value;
}

public sealed class SqlitePersonalDataRepositoryTests(SqliteDatabaseFixture database) : PersonalDataRepositoryContract(database), IClassFixture<SqliteDatabaseFixture>;

/// <summary>The same on SQLite with its writes sent in batches, as on SQL Server (<see cref="SqliteBatchingDatabaseFixture"/>).</summary>
public sealed class SqliteBatchedPersonalDataRepositoryTests(SqliteBatchingDatabaseFixture database)
    : PersonalDataRepositoryContract(database), IClassFixture<SqliteBatchingDatabaseFixture>;

[Trait("Category", "Docker")]
public sealed class SqlServerPersonalDataRepositoryTests(SqlServer.SqlServerDatabaseFixture database) : PersonalDataRepositoryContract(database), IClassFixture<SqlServer.SqlServerDatabaseFixture>;
