using System.Text.Json.Nodes;
using ChannelBridge.Tests;
using static ChannelBridge.Api.FunctionalTests.Features.Orders.OrderBuilder;

namespace ChannelBridge.Api.FunctionalTests.Features.Webhooks;

/// <summary>
/// Two delivery slots, one kept for slow receivers; an attempt holding its slot 200 ms makes its receiver slow, and a hung
/// request runs a minute (so a test waiting on the other slot would see the hang, not its timeout).
/// </summary>
public sealed class SlowReceiverLaneApiFactory : LoopbackWebhookApiFactory
{
    protected override IDictionary<string, string> WebhookSettings => new Dictionary<string, string>
    {
        ["MaxConcurrentDeliveries"] = "2",
        ["SlowReceiverSlots"] = "1",
        ["SlowReceiverThreshold"] = "00:00:00.200",
        ["RequestTimeout"] = "00:01:00",
    };
}

/// <summary>One delivery slot for every store, turns of 10 ms.</summary>
public sealed class ShortTurnWebhookApiFactory : LoopbackWebhookApiFactory
{
    protected override IDictionary<string, string> WebhookSettings => new Dictionary<string, string>
    {
        ["MaxConcurrentDeliveries"] = "1",
        ["SlowReceiverSlots"] = "0",
        ["TurnLength"] = "00:00:00.010",
    };
}

/// <summary>
/// Slow or hanging receivers — one platform's several stores, say — hold the slots kept for slow receivers, not every slot
/// of the node (ADR-033).
/// </summary>
public class WebhookLaneTests(SlowReceiverLaneApiFactory factory) : IClassFixture<SlowReceiverLaneApiFactory>
{
    private static readonly string Secret = WebhookReceiver.NewSecret();

    [Fact]
    public async Task HangingReceivers_AsManyAsTheSlots_LeaveASlotForAReceiverThatAnswers_AlsoWhenKnownSlowAndRunningInBorrowedSlots()
    {
        await using var hanging = await WebhookReceiver.StartAsync(Secret);
        await using var healthy = await WebhookReceiver.StartAsync(Secret);
        hanging.Hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = await Store(factory, hanging, "LH1");
        var second = await Store(factory, hanging, "LH2");
        var other = await Store(factory, healthy, "LG");

        await Despatch(first.Token, "LH1-1");
        await Despatch(second.Token, "LH2-1");
        await Eventually.True(() => hanging.Held == 2, "each hanging store's first delivery is held, the second once the first's slot turned slow");
        await Despatch(other.Token, "LG-1");
        await Eventually.True(() => healthy.AcceptedIds().Count == 1, "a receiver that answers is delivered to while both others hang");

        hanging.Hold.SetResult();
        await Eventually.True(() => hanging.AcceptedIds().Count == 2, "the held deliveries complete");
        foreach (var store in new[] { first, second })
        {
            var state = await WebhookTests.EventuallyState(store.Client, store.StoreId, s => s["Backlog"]!.GetValue<long>() == 0);
            DateTime.Parse(state["SlowUntilUtc"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal).Should().BeAfter(DateTime.UtcNow, "a receiver that held its slot counts as slow for a while");
        }

        (await other.Client.GetFromJsonAsync<JsonObject>($"/api/channel/v1/stores/{other.StoreId}/webhook"))!["SlowUntilUtc"].Should().BeNull("it answered in time");

        // Known slow now: with no store answering in time due, both run beyond the one slot kept for them, and their
        // slots still count as slow ones, so a store answering in time that becomes due is served at once.
        hanging.Hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await Despatch(first.Token, "LH1-2");
        await Despatch(second.Token, "LH2-2");
        await Eventually.True(() => hanging.Held == 4, "both slow stores' deliveries are held, the second in a slot borrowed while nobody else waited");
        await Despatch(other.Token, "LG-2");
        await Eventually.True(() => healthy.AcceptedIds().Count == 2, "a receiver that answers still gets a slot");

        hanging.Hold.SetResult();
        await Eventually.True(() => hanging.AcceptedIds().Count == 4, "both slow stores are delivered");
    }

    [Fact]
    public async Task AtTheNodesCeiling_TheLongestSlowDeliveryIsCutShort_ForAStoreAnsweringInTime()
    {
        await using var hanging = await WebhookReceiver.StartAsync(Secret);
        await using var healthy = await WebhookReceiver.StartAsync(Secret);
        hanging.Hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var stores = new List<(string Token, string StoreId, HttpClient Client)>();
        for (var i = 1; i <= 3; i++)
        {
            stores.Add(await Store(factory, hanging, $"CH{i}"));
        }

        var other = await Store(factory, healthy, "CG");

        // Each unknown store takes the slot for receivers answering in time, turns slow after 200 ms and hangs on: three
        // of them fill the node's ceiling (two slots, and one more for a receiver answering in time).
        foreach (var (store, i) in stores.Select((store, i) => (store, i + 1)))
        {
            await Despatch(store.Token, $"CH{i}-1");
            await Eventually.True(() => hanging.Held == i, "the hanging store's delivery is held");
        }

        await Despatch(other.Token, "CG-1");
        await Eventually.True(() => healthy.AcceptedIds().Count == 1, "a receiver that answers is served, the node's ceiling notwithstanding");
        var cut = await WebhookTests.EventuallyState(stores[0].Client, stores[0].StoreId, s => s["Attempts"]!.GetValue<int>() == 1);
        cut["RecentAttempts"]![0]!["Outcome"]!.GetValue<string>().Should().Be("preempted", "the delivery slow the longest was cut short for it");
        hanging.Hold.SetResult();
        await Eventually.True(() => hanging.AcceptedIds().Count == 3, "every hanging store's update is delivered in the end");
    }

    private async Task Despatch(string token, params string[] references)
    {
        var (_, body) = await factory.Client().PostJson("/api/Order/Despatch", new { AuthorizationToken = token, Orders = references.Select(r => new { ReferenceNumber = r, TrackingNumber = "T-" + r }).ToArray() });
        body["Orders"]!.AsArray().Should().OnlyContain(o => o!["Error"] == null);
    }

    internal static async Task<(string Token, string StoreId, HttpClient Client)> Store(ApiFactory factory, WebhookReceiver receiver, string prefix, int orders = 2)
    {
        var (token, storeId, key) = await factory.Integrate();
        var client = factory.ChannelClient(key);
        await client.Push(storeId, [.. Enumerable.Range(1, orders).Select(i => Order($"{prefix}-{i}"))]);
        await client.PutJson($"/api/channel/v1/stores/{storeId}/webhook", new { Url = receiver.Url, receiver.Secret });
        return (token, storeId, client);
    }
}

/// <summary>A store with a long backlog takes turns with the others instead of keeping the slot until it is through.</summary>
public class WebhookTurnTests(ShortTurnWebhookApiFactory factory) : IClassFixture<ShortTurnWebhookApiFactory>
{
    [Fact]
    public async Task AStoreWithABacklog_GivesItsSlotToAStoreThatWaitedLonger_AtTheEndOfItsTurn()
    {
        await using var busy = await WebhookReceiver.StartAsync(WebhookReceiver.NewSecret());
        await using var quiet = await WebhookReceiver.StartAsync(WebhookReceiver.NewSecret());
        busy.Delay = TimeSpan.FromMilliseconds(300);
        var backlog = await WebhookLaneTests.Store(factory, busy, "TB", orders: 4);
        var single = await Store(quiet, "TQ");

        (await factory.Client().PostJson("/api/Order/Despatch", new { AuthorizationToken = backlog.Token, Orders = Enumerable.Range(1, 4).Select(i => new { ReferenceNumber = $"TB-{i}" }) })).Body["Error"].Should().BeNull();
        (await factory.Client().PostJson("/api/Order/Despatch", new { AuthorizationToken = single.Token, Orders = new[] { new { ReferenceNumber = "TQ-1" } } })).Body["Error"].Should().BeNull();

        await Eventually.True(() => busy.AcceptedIds().Count == 4 && quiet.AcceptedIds().Count == 1, "every update is delivered");
        quiet.Arrivals.Single().Should().BeBefore(busy.Arrivals.Last(), "the single update goes out between the backlog's turns, not after all of it");
        var cursors = busy.AcceptedIds().Select(id => long.Parse(id[(id.LastIndexOf(':') + 1)..], System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        cursors.Should().BeInAscendingOrder("the backlog still goes out in order").And.OnlyHaveUniqueItems();
    }

    private Task<(string Token, string StoreId, HttpClient Client)> Store(WebhookReceiver receiver, string prefix) => WebhookLaneTests.Store(factory, receiver, prefix, orders: 1);
}

/// <summary>Every log line, with a receiver's request timing out after a second.</summary>
public sealed class WebhookTimeoutLogApiFactory : CrossCutting.Secrets.LogCapturingApiFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
    {
        ["Webhooks:RequestTimeout"] = "00:00:01",
        ["Webhooks:SlowReceiverThreshold"] = "00:00:00.500",
    };
}

/// <summary>A platform's receiver that hangs is the platform's problem: the on-call sees one warning an attempt, no errors.</summary>
public class WebhookTimeoutLogTests(WebhookTimeoutLogApiFactory factory) : IClassFixture<WebhookTimeoutLogApiFactory>
{
    [Fact]
    public async Task AHangingReceiver_IsLoggedAsOneWarningAnAttempt_WithoutTheResiliencePipelinesErrors()
    {
        await using var hanging = await WebhookReceiver.StartAsync(WebhookReceiver.NewSecret());
        hanging.Hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var store = await WebhookLaneTests.Store(factory, hanging, "TL", orders: 1);
        (await factory.Client().PostJson("/api/Order/Despatch", new { AuthorizationToken = store.Token, Orders = new[] { new { ReferenceNumber = "TL-1" } } })).Body["Error"].Should().BeNull();

        await WebhookTests.EventuallyState(store.Client, store.StoreId, s => s["Attempts"]!.GetValue<int>() >= 1);
        hanging.Held.Should().Be(3, "the attempt's three tries each timed out");
        var lines = factory.Lines.Where(l => l.Contains(store.StoreId, StringComparison.Ordinal) || l.Contains(" Polly", StringComparison.Ordinal)).ToList();
        lines.Should().Contain(l => l.StartsWith("Warning ", StringComparison.Ordinal) && l.Contains($"Webhook delivery for store {store.StoreId} failed (timeout", StringComparison.Ordinal));
        lines.Should().Contain(l => l.StartsWith("Warning ", StringComparison.Ordinal) && l.Contains($"Webhook receiver of store {store.StoreId} held its delivery slot", StringComparison.Ordinal));
        lines.Should().NotContain(l => l.StartsWith("Error ", StringComparison.Ordinal), "a receiver's timeouts are not the service's errors");
        lines.Should().NotContain(l => l.Contains(" Polly:", StringComparison.Ordinal), "the resilience pipeline's events for webhooks are Debug lines, below the service's Information");
        hanging.Hold.SetResult();
    }
}

/// <summary>Every log line, with a failing receiver's attempts a fifth of a second apart.</summary>
public sealed class QuickRetryLogApiFactory : CrossCutting.Secrets.LogCapturingApiFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings) { ["Webhooks:MaxBackoff"] = "00:00:00.200" };
}

/// <summary>A damaged feed entry sent again and again to a failing receiver is one error line a minute, as on the feed.</summary>
public class DamagedPayloadLogTests(QuickRetryLogApiFactory factory) : IClassFixture<QuickRetryLogApiFactory>
{
    [Fact]
    public async Task AnUpdateWhosePayloadWasDamaged_SentAgainAndAgain_IsLoggedOnceAMinute()
    {
        await using var failing = await WebhookReceiver.StartAsync(WebhookReceiver.NewSecret());
        failing.Down = true;
        var (token, storeId, key) = await factory.Integrate();
        var store = factory.ChannelClient(key);
        await store.Push(storeId, Order("DL-1"));
        (await factory.Client().PostJson("/api/Order/Despatch", new { AuthorizationToken = token, Orders = new[] { new { ReferenceNumber = "DL-1" } } })).Body["Error"].Should().BeNull();
        await using (var database = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={factory.DatabasePath}"))
        {
            await Dapper.SqlMapper.ExecuteAsync(database, "UPDATE StoreUpdates SET Payload = '<redacted>' WHERE StoreId = @storeId", new { storeId });
        }

        await store.PutJson($"/api/channel/v1/stores/{storeId}/webhook", new { Url = failing.Url, failing.Secret });
        await WebhookTests.EventuallyState(store, storeId, s => s["Attempts"]!.GetValue<int>() >= 3);
        (await store.GetAsync($"/api/channel/v1/stores/{storeId}/updates")).StatusCode.Should().Be(System.Net.HttpStatusCode.OK);

        failing.Received.Should().HaveCountGreaterThanOrEqualTo(3);
        factory.Lines.Where(l => l.StartsWith("Error ", StringComparison.Ordinal) && l.Contains($"of store {storeId}", StringComparison.Ordinal))
            .Should().ContainSingle("its three attempts and the feed's read are in one minute").Which.Should().Contain("is not JSON");
    }
}
