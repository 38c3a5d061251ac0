using System.Xml.Linq;
using ChannelBridge.Domain.Common;
using ChannelBridge.Domain.Orders;
using ChannelBridge.Domain.Stores;

namespace ChannelBridge.Infrastructure.IntegrationTests.Repositories;

/// <summary>OAuth tokens, the shared key ring and webhook leases, on every provider.</summary>
public abstract class TrustRepositoryContract(DatabaseFixture database)
{
    private static readonly DateTime Now = DateTime.UtcNow;

    [SkippableFact]
    public async Task AccessTokens_RoundTripByHash()
    {
        Skip.If(database.SkipReason is not null, database.SkipReason);
        var storeId = await NewStore();
        var (token, value) = AccessToken.Issue(storeId, "orders", TimeSpan.FromHours(1), Now);

        await database.AccessTokens.SaveAsync(token, default);
        var loaded = await database.AccessTokens.GetByHashAsync(SecretHash.Of(value).Hex, default);

        loaded.Should().NotBeNull();
        loaded!.StoreId.Should().Be(storeId);
        loaded.IsValidAt(Now.AddMinutes(59)).Should().BeTrue();
        loaded.IsValidAt(Now.AddMinutes(61)).Should().BeFalse();
        (await database.AccessTokens.GetByHashAsync(SecretHash.Of("other").Hex, default)).Should().BeNull();
    }

    [SkippableFact]
    public void KeyRing_StoresAndReturnsElements()
    {
        Skip.If(database.SkipReason is not null, database.SkipReason);
        var name = "key-" + Guid.NewGuid().ToString("N");

        database.KeyRing.StoreElement(new XElement("key", new XAttribute("id", name)), name);

        database.KeyRing.GetAllElements().Should().Contain(e => (string?)e.Attribute("id") == name);
    }

    [SkippableFact]
    public async Task Webhooks_OneOwnerAtATime_AdvanceUnderTheLease_AndReleaseWithTheSchedule()
    {
        Skip.If(database.SkipReason is not null, database.SkipReason);
        var storeId = await NewStore();
        await database.Orders.SaveChangesAsync([ChannelOrder.Receive(storeId, Order("WH-1"), "h", Now)], default);
        var order = (await database.Orders.GetByReferencesAsync(storeId, ["WH-1"], default))["WH-1"];
        var update = await database.Orders.SaveWithFeedEntryAsync(order, new StoreUpdate(0, storeId, StoreUpdateTypes.Despatch, Now, "{}", "wh-" + storeId), default);
        var webhook = Webhook.Create(storeId, "https://example.com/hook", null, 0, Now.AddSeconds(-1)).Value;
        var first = webhook.Secret;
        var second = webhook.RotateSecret(Now, TimeSpan.FromHours(24));
        await database.Webhooks.SaveAsync(webhook, default);
        var loaded = (await database.Webhooks.GetAsync(storeId, default))!;
        (loaded.Secret, loaded.PreviousSecret).Should().Be((second, first), "both secrets round-trip, encrypted at rest");
        loaded.PreviousSecretUntilUtc.Should().BeCloseTo(Now.AddHours(24), TimeSpan.FromMilliseconds(1));

        var nodeA = await ClaimStore("node-a", storeId);
        var nodeB = await ClaimStore("node-b", storeId);

        nodeA.Should().NotBeNull();
        nodeB.Should().BeNull("the lease is held by node-a");
        nodeA!.Webhook.Delivered(update.Cursor, Now);
        (await database.Webhooks.SaveDeliveredAsync(nodeA, default)).Should().BeTrue();
        var advanced = (await database.Webhooks.GetAsync(storeId, default))!;
        advanced.DeliveredCursor.Should().Be(update.Cursor);
        advanced.RecentAttempts.Should().ContainSingle("the attempt that moved the cursor is stored with it, not only when the lease ends")
            .Which.Outcome.Should().Be("delivered");
        nodeA!.Webhook.Failed("HTTP 503", Now, new DeliveryPolicy(TimeSpan.FromSeconds(1), TimeSpan.FromHours(1), TimeSpan.FromDays(5)));
        await database.Webhooks.ReleaseAsync(nodeA, default);

        var stored = (await database.Webhooks.GetAsync(storeId, default))!;
        stored.DeliveredCursor.Should().Be(update.Cursor);
        stored.Attempts.Should().Be(1);
        stored.LastError.Should().Be("HTTP 503");
        (await database.Webhooks.DeleteAsync(storeId, default)).Should().BeTrue();
    }

    [SkippableFact]
    public async Task Webhooks_AreClaimedWhileTheirFeedHasUpdatesPastTheCursor_AndNotOnceDeliveredUpToDate()
    {
        Skip.If(database.SkipReason is not null, database.SkipReason);
        var storeId = await NewStore();
        await database.Orders.SaveChangesAsync([ChannelOrder.Receive(storeId, Order("WP-1"), "h", Now)], default);
        var order = (await database.Orders.GetByReferencesAsync(storeId, ["WP-1"], default))["WP-1"];
        await database.Webhooks.SaveAsync(Webhook.Create(storeId, "https://example.com/hook", null, 0, Now.AddSeconds(-1)).Value, default);

        var saved = await ClaimStore("node-a", storeId);
        saved.Should().NotBeNull("a webhook just saved is looked at once, whatever its feed holds");
        await database.Webhooks.ReleaseAsync(saved!, default);
        (await ClaimStore("node-a", storeId)).Should().BeNull("its feed has nothing past the cursor");

        var first = await database.Orders.SaveWithFeedEntryAsync(order, new StoreUpdate(0, storeId, StoreUpdateTypes.Despatch, Now, "{}", "wp-1-" + storeId), default);
        var lease = await ClaimStore("node-a", storeId);
        lease.Should().NotBeNull("an update appended to the feed marks the store's webhook");
        await database.Webhooks.ReleaseAsync(lease!, default);
        lease = await ClaimStore("node-a", storeId);
        lease.Should().NotBeNull("released without delivering, the update is still to deliver");

        lease!.Webhook.Delivered(first.Cursor, Now);
        await database.Webhooks.SaveDeliveredAsync(lease, default);
        await database.Webhooks.ReleaseAsync(lease, default);
        (await ClaimStore("node-a", storeId)).Should().BeNull("everything in its feed is delivered");

        await database.Orders.SaveWithFeedEntryAsync(order, new StoreUpdate(0, storeId, StoreUpdateTypes.Despatch, Now, "{}", "wp-2-" + storeId), default);
        (await ClaimStore("node-a", storeId)).Should().NotBeNull("a later update marks it again");
    }

    [SkippableFact]
    public async Task ASlowReceiversStore_IsClaimedOnlyAmongSlowOnes_AndAStoreWhoseTurnEnded_GoesBehindOneThatWaited()
    {
        Skip.If(database.SkipReason is not null, database.SkipReason);
        var (slow, fast) = (await NewStore(), await NewStore());
        foreach (var (storeId, since) in new[] { (slow, -20), (fast, -10) })
        {
            await database.Orders.SaveChangesAsync([ChannelOrder.Receive(storeId, Order("WL-1"), "h", Now)], default);
            var order = (await database.Orders.GetByReferencesAsync(storeId, ["WL-1"], default))["WL-1"];
            await database.Orders.SaveWithFeedEntryAsync(order, new StoreUpdate(0, storeId, StoreUpdateTypes.Despatch, Now, "{}", "wl-1-" + storeId), default);
            await database.Webhooks.SaveAsync(Webhook.Create(storeId, "https://example.com/hook", null, 0, DateTime.UtcNow.AddSeconds(since)).Value, default);
        }

        var lease = await ClaimStore("node-a", slow);
        lease!.Webhook.AnsweredSlowly(DateTime.UtcNow, TimeSpan.FromMinutes(10)).Should().BeTrue();
        await database.Webhooks.ReleaseAsync(lease, default);   // not delivered, no turn ended: still the longest waiting

        lease = await ClaimOf("node-a", [slow, fast], Webhooks.WebhookRepository.DeliveryLane.Fast);
        lease!.Webhook.StoreId.Should().Be(fast, "a slow receiver's store is not claimed for the others' slots, though it waited longer");
        await database.Webhooks.ReleaseAsync(lease, default);
        lease = await ClaimOf("node-a", [slow, fast], Webhooks.WebhookRepository.DeliveryLane.Slow);
        lease!.Webhook.StoreId.Should().Be(slow, "the slots kept for slow receivers take it");
        lease.Webhook.SlowUntilUtc.Should().BeCloseTo(DateTime.UtcNow.AddMinutes(10), TimeSpan.FromMinutes(1), "the mark is stored at release");
        (await ClaimOf("node-a", [fast], Webhooks.WebhookRepository.DeliveryLane.Slow)).Should().BeNull("a store answering in time is not claimed for the slow receivers' slots");
        lease.Webhook.TurnEnded(DateTime.UtcNow);
        await database.Webhooks.ReleaseAsync(lease, default);

        var next = await ClaimOf("node-b", [slow, fast], Webhooks.WebhookRepository.DeliveryLane.Any);
        next!.Webhook.StoreId.Should().Be(fast, "the slow store's turn ended after the other began waiting, so the other goes first");
    }

    [SkippableFact]
    public async Task Renewal_ExtendsTheLeasesStillHeld_NotOneThatRanOut()
    {
        Skip.If(database.SkipReason is not null, database.SkipReason);
        var (kept, lapsed) = (await NewStore(), await NewStore());
        foreach (var storeId in new[] { kept, lapsed })
        {
            await database.Orders.SaveChangesAsync([ChannelOrder.Receive(storeId, Order("WR-1"), "h", Now)], default);
            var order = (await database.Orders.GetByReferencesAsync(storeId, ["WR-1"], default))["WR-1"];
            await database.Orders.SaveWithFeedEntryAsync(order, new StoreUpdate(0, storeId, StoreUpdateTypes.Despatch, Now, "{}", "wr-1-" + storeId), default);
            await database.Webhooks.SaveAsync(Webhook.Create(storeId, "https://example.com/hook", null, 0, DateTime.UtcNow.AddSeconds(-1)).Value, default);
        }

        var leases = new List<Webhooks.WebhookRepository.Lease>();
        for (var i = 0; i < 50 && leases.Count < 2; i++)
        {
            var lease = await database.Webhooks.TryClaimAsync("node-r", TimeSpan.FromSeconds(1), Webhooks.WebhookRepository.DeliveryLane.Any, default);
            if (lease is null)
            {
                break;
            }

            if (lease.Webhook.StoreId == kept || lease.Webhook.StoreId == lapsed)
            {
                leases.Add(lease);
            }
        }

        leases.Should().HaveCount(2);
        var lapsedLease = leases.Single(l => l.Webhook.StoreId == lapsed);
        lapsedLease.UntilUtc = DateTime.UtcNow.AddSeconds(-1);   // as the node knows it: run out
        await database.Webhooks.RenewAsync(leases, TimeSpan.FromMinutes(10), default);
        leases.Single(l => l.Webhook.StoreId == kept).UntilUtc.Should().BeCloseTo(DateTime.UtcNow.AddMinutes(10), TimeSpan.FromMinutes(1));
        lapsedLease.UntilUtc.Should().BeBefore(DateTime.UtcNow, "a lease that ran out is not taken back");

        await Task.Delay(TimeSpan.FromSeconds(1.5));   // past the one-second claims
        var next = await ClaimOf("node-s", [kept, lapsed], Webhooks.WebhookRepository.DeliveryLane.Any);
        next!.Webhook.StoreId.Should().Be(lapsed, "the renewed store is still held; the other's lease ran out");
        (await ClaimOf("node-s", [kept], Webhooks.WebhookRepository.DeliveryLane.Any)).Should().BeNull("renewed for ten minutes");
    }

    private async Task<Webhooks.WebhookRepository.Lease?> ClaimOf(string owner, string[] storeIds, Webhooks.WebhookRepository.DeliveryLane lane)
    {
        // As ClaimStore: the first of these stores to come up, past other tests' stores.
        for (var i = 0; i < 50; i++)
        {
            var lease = await database.Webhooks.TryClaimAsync(owner, TimeSpan.FromMinutes(1), lane, default);
            if (lease is null || storeIds.Contains(lease.Webhook.StoreId))
            {
                return lease;
            }
        }

        return null;
    }

    private async Task<Webhooks.WebhookRepository.Lease?> ClaimStore(string owner, string storeId, Webhooks.WebhookRepository.DeliveryLane lane = Webhooks.WebhookRepository.DeliveryLane.Any)
    {
        // Other tests' stores may be due too: claim until this store's lease comes up or nothing is left.
        for (var i = 0; i < 50; i++)
        {
            var lease = await database.Webhooks.TryClaimAsync(owner, TimeSpan.FromMinutes(1), lane, default);
            if (lease is null || lease.Webhook.StoreId == storeId)
            {
                return lease;
            }
        }

        return null;
    }

    private async Task<string> NewStore()
    {
        var (store, _) = Store.Create("Trust " + Guid.NewGuid().ToString("N")[..6], Now).Value;
        await database.Stores.SaveAsync(store, default);
        return store.Id;
    }

    private static OrderContent Order(string reference) => OrderRules.Validate(new OrderContent
    {
        ReferenceNumber = reference,
        PaymentStatus = "PAID",
        ReceivedDate = Now,
        DeliveryAddress = new OrderAddress { FullName = "Jane", CountryCode = "GB" },
        OrderItems = [new OrderLine { OrderLineNumber = "1", SKU = "A", Qty = 1 }],
    }).Value;
}

public sealed class SqliteTrustRepositoryTests(SqliteDatabaseFixture database) : TrustRepositoryContract(database), IClassFixture<SqliteDatabaseFixture>;

[Trait("Category", "Docker")]
public sealed class SqlServerTrustRepositoryTests(SqlServer.SqlServerDatabaseFixture database) : TrustRepositoryContract(database), IClassFixture<SqlServer.SqlServerDatabaseFixture>;
