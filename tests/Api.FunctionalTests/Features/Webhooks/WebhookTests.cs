using System.Net;
using System.Text.Json.Nodes;
using ChannelBridge.Tests;
using static ChannelBridge.Api.FunctionalTests.Features.Orders.OrderBuilder;

namespace ChannelBridge.Api.FunctionalTests.Features.Webhooks;

public sealed class FastWebhookApiFactory : LoopbackWebhookApiFactory
{
    protected override IDictionary<string, string> WebhookSettings => new Dictionary<string, string> { ["MaxBackoff"] = "00:00:00.500" };
}

/// <summary>Gives up on a failing receiver after a second (the default is five days).</summary>
public sealed class DisablingWebhookApiFactory : LoopbackWebhookApiFactory
{
    protected override IDictionary<string, string> WebhookSettings => new Dictionary<string, string>
    {
        ["MaxBackoff"] = "00:00:00.200",
        ["DisableAfter"] = "00:00:01",
    };
}

/// <summary>Polls for due webhooks only every 5 s, so a wait for the poll between a store's batches shows.</summary>
public sealed class SlowPollWebhookApiFactory : LoopbackWebhookApiFactory
{
    protected override IDictionary<string, string> WebhookSettings => new Dictionary<string, string> { ["PollInterval"] = "00:00:05" };
}

/// <summary>A store's backlog is delivered batch after batch (Webhooks:BatchSize, 50), not a batch per poll.</summary>
public class WebhookBacklogTests(SlowPollWebhookApiFactory factory) : IClassFixture<SlowPollWebhookApiFactory>
{
    [Fact]
    public async Task AStoresBacklog_GoesOutBatchAfterBatch_WithoutWaitingForThePollBetween()
    {
        await using var receiver = await WebhookReceiver.StartAsync(WebhookReceiver.NewSecret());
        var (token, storeId, key) = await factory.Integrate();
        var store = factory.ChannelClient(key);
        var references = Enumerable.Range(1, 120).Select(i => $"BL-{i:D3}").ToArray();
        await store.Push(storeId, [.. references.Select(r => Order(r))]);
        await store.PutJson($"/api/channel/v1/stores/{storeId}/webhook", new { Url = receiver.Url, receiver.Secret });
        (await factory.Client().PostJson("/api/Order/Despatch", new { AuthorizationToken = token, Orders = references.Select(r => new { ReferenceNumber = r }) })).Body["Error"].Should().BeNull();

        await Eventually.True(() => receiver.AcceptedIds().Count == references.Length, "the whole backlog is delivered", TimeSpan.FromSeconds(30));
        var arrivals = receiver.Arrivals.ToArray();
        var gaps = arrivals.Zip(arrivals.Skip(1), (a, b) => b - a).ToArray();
        gaps.Max().Should().BeLessThan(TimeSpan.FromSeconds(2.5), "a store with more to deliver is claimed again as its batch ends, not at the next 5 s poll");
    }
}

/// <summary>A receiver failing for longer than Webhooks:DisableAfter is disabled; nothing is lost, and one call resumes it.</summary>
public class WebhookDisableTests(DisablingWebhookApiFactory factory) : IClassFixture<DisablingWebhookApiFactory>
{
    [Fact]
    public async Task AReceiverFailingPastTheLimit_IsDisabled_AndEnablingResumesWithNothingLost()
    {
        await using var receiver = await WebhookReceiver.StartAsync(WebhookReceiver.NewSecret());
        var (token, storeId, key) = await factory.Integrate();
        var store = factory.ChannelClient(key);
        await store.Push(storeId, Order("DA-1"), Order("DA-2"));
        await store.PutJson($"/api/channel/v1/stores/{storeId}/webhook", new { Url = receiver.Url, receiver.Secret });
        receiver.Down = true;
        await factory.Client().PostJson("/api/Order/Despatch", new { AuthorizationToken = token, Orders = new[] { new { ReferenceNumber = "DA-1" } } });

        var state = await WebhookTests.EventuallyState(store, storeId, s => s["State"]!.GetValue<string>() == "Disabled");
        state["DisabledReason"]!.GetValue<string>().Should().StartWith("failing since ").And.Contain("503");
        state["RecentAttempts"]!.AsArray().Should().HaveCountGreaterThan(1).And.OnlyContain(a => a!["Outcome"]!.GetValue<string>() == "unavailable" && a["Cursor"] != null);
        state["Backlog"]!.GetValue<long>().Should().Be(1);
        var tried = receiver.Received.Count;
        await factory.Client().PostJson("/api/Order/Despatch", new { AuthorizationToken = token, Orders = new[] { new { ReferenceNumber = "DA-2" } } });
        (await store.GetFromJsonAsync<JsonObject>($"/api/channel/v1/stores/{storeId}/webhook"))!["Backlog"]!.GetValue<long>().Should().Be(2, "the feed keeps every update");

        receiver.Down = false;
        (await store.PostJson($"/api/channel/v1/stores/{storeId}/webhook/enable", new { })).Body["State"]!.GetValue<string>().Should().Be("Enabled");
        var resumed = await WebhookTests.EventuallyState(store, storeId, s => s["Backlog"]!.GetValue<long>() == 0);
        resumed["RecentAttempts"]![0]!["Outcome"]!.GetValue<string>().Should().Be("delivered", "newest first");
        receiver.AcceptedIds().Should().HaveCount(2, "both updates, the one that failed and the one made while disabled");
        tried.Should().BeGreaterThan(1);
    }
}

public class WebhookTests(FastWebhookApiFactory factory) : IClassFixture<FastWebhookApiFactory>
{
    private static readonly string Secret = WebhookReceiver.NewSecret();

    [Fact]
    public async Task Updates_ArePushedSigned_InOrder_AndNothingIsLostWhileTheReceiverIsDown()
    {
        await using var receiver = await WebhookReceiver.StartAsync(Secret);
        var (token, storeId, key) = await factory.Integrate();
        var store = factory.ChannelClient(key);
        await store.Push(storeId, [.. Enumerable.Range(1, 6).Select(i => Order($"W-{i}"))]);
        var (response, configured) = await store.PutJson($"/api/channel/v1/stores/{storeId}/webhook", new { Url = receiver.Url, Secret });
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        configured["Secret"].Should().BeNull("a secret the platform chose is never echoed");

        await Despatch(token, "W-1", "W-2", "W-3");
        await Eventually.True(() => receiver.AcceptedIds().Count == 3, Delivered);

        receiver.Down = true;
        await Despatch(token, "W-4", "W-5");
        var state = await EventuallyState(store, storeId, s => s["Attempts"]!.GetValue<int>() >= 2);
        state["LastError"]!.GetValue<string>().Should().Contain("503");
        receiver.AcceptedIds().Should().HaveCount(3, "nothing is accepted while the receiver is down");

        receiver.Down = false;
        await Despatch(token, "W-6");
        await Eventually.True(() => receiver.AcceptedIds().Count == 6, Delivered);

        var feed = (await store.GetFromJsonAsync<JsonObject>($"/api/channel/v1/stores/{storeId}/updates?limit=100"))!["Updates"]!.AsArray();
        receiver.AcceptedIds().Should().Equal(feed.Select(u => $"{storeId}:{u!["Cursor"]}"), "each update once, in feed order");
        receiver.Received.Should().OnlyContain(r => r.SignatureValid);
        receiver.Received.Where(r => r.Accepted).Select(r => r.Event).Should().OnlyContain(e => e == "Despatch");
        (await store.GetFromJsonAsync<JsonObject>($"/api/channel/v1/stores/{storeId}/webhook"))!["Attempts"]!.GetValue<int>().Should().Be(0);
    }

    [Fact]
    public async Task ANewWebhook_WithoutASecret_GetsAStandardOneShownOnce_AndTheOfficialLibraryVerifiesEveryDelivery()
    {
        await using var receiver = await WebhookReceiver.StartAsync("whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
        var (token, storeId, key) = await factory.Integrate();
        var store = factory.ChannelClient(key);
        await store.Push(storeId, Order("SW-1"), Order("SW-2"));

        var made = (await store.PutJson($"/api/channel/v1/stores/{storeId}/webhook", new { Url = receiver.Url })).Body;
        receiver.Secret = made["Secret"]!.GetValue<string>();
        await Despatch(token, "SW-1", "SW-2");
        await Eventually.True(() => receiver.AcceptedIds().Count == 2, Delivered);

        receiver.Secret.Should().StartWith("whsec_");
        Convert.FromBase64String(receiver.Secret["whsec_".Length..]).Should().HaveCountGreaterThanOrEqualTo(24);
        (await store.GetFromJsonAsync<JsonObject>($"/api/channel/v1/stores/{storeId}/webhook"))!["Secret"].Should().BeNull("the secret is shown once");
        receiver.Received.Should().OnlyContain(r => r.SignatureValid);
        var (headers, body) = receiver.Last!.Value;
        headers["webhook-id"].ToString().Should().Be(receiver.AcceptedIds()[^1], "the id is the update's, the same on every retry");
        JsonNode.Parse(body)!["Type"]!.GetValue<string>().Should().Be("Despatch", "the event type is in the payload");
        JsonNode.Parse(body)!["StoreId"]!.GetValue<string>().Should().Be(storeId);

        WebhookReceiver.Verifies(receiver.Secret, body.Replace("Despatch", "Despatcx", StringComparison.Ordinal), headers).Should().BeFalse("a tampered body");
        WebhookReceiver.Verifies(WebhookReceiver.NewSecret(), body, headers).Should().BeFalse("a wrong secret");
        var old = DateTimeOffset.UtcNow.AddMinutes(-10).ToUnixTimeSeconds();
        var replayed = new Microsoft.AspNetCore.Http.HeaderDictionary(headers.ToDictionary(h => h.Key, h => h.Value))
        {
            ["webhook-timestamp"] = old.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["webhook-signature"] = ChannelBridge.Infrastructure.Webhooks.WebhookSignature.Sign([receiver.Secret], headers["webhook-id"].ToString(), old, System.Text.Encoding.UTF8.GetBytes(body)),
        };
        WebhookReceiver.Verifies(receiver.Secret, body, replayed).Should().BeFalse("a delivery signed ten minutes ago (a replay)");
        headers.ContainsKey("ChannelBridge-Signature").Should().BeFalse("a standard secret gets the standard headers only");
    }

    [Fact]
    public async Task RotatingTheSecret_KeepsTheOldOneSigningBesideTheNew_SoNoDeliveryFails()
    {
        await using var receiver = await WebhookReceiver.StartAsync(Secret);
        var (token, storeId, key) = await factory.Integrate();
        var store = factory.ChannelClient(key);
        await store.Push(storeId, Order("RT-1"), Order("RT-2"));
        await store.PutJson($"/api/channel/v1/stores/{storeId}/webhook", new { Url = receiver.Url, Secret });

        var rotated = (await store.PostJson($"/api/channel/v1/stores/{storeId}/webhook/rotate-secret", new { })).Body;
        var newSecret = rotated["Secret"]!.GetValue<string>();
        await Despatch(token, "RT-1");
        await Eventually.True(() => receiver.AcceptedIds().Count == 1, Delivered);

        newSecret.Should().StartWith("whsec_").And.NotBe(Secret);
        DateTime.Parse(rotated["PreviousSecretValidUntilUtc"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal).Should().BeCloseTo(DateTime.UtcNow.AddHours(24), TimeSpan.FromMinutes(1));
        var (headers, body) = receiver.Last!.Value;
        var signatures = headers["webhook-signature"].ToString().Split(' ');
        signatures.Should().HaveCount(2, "both secrets sign during the grace period");
        WebhookReceiver.Verifies(Secret, body, headers).Should().BeTrue("a receiver not yet switched over verifies the delivery as it came");

        // The .NET library checks only the first of several signatures (1.1.2); the specification, and the libraries of other
        // languages, accept any one. Each signature alone, as such a library sees it: the second is the new secret's.
        Microsoft.AspNetCore.Http.HeaderDictionary With(string signature) => new(headers.ToDictionary(h => h.Key, h => h.Value)) { ["webhook-signature"] = signature };
        WebhookReceiver.Verifies(Secret, body, With(signatures[0])).Should().BeTrue();
        WebhookReceiver.Verifies(newSecret, body, With(signatures[1])).Should().BeTrue("a receiver already switched over verifies the new secret's signature");
        WebhookReceiver.Verifies(newSecret, body, headers).Should().BeFalse("the .NET library's limit: a switched receiver tries the previous secret too until the grace ends");
        (await factory.ChannelClient(key).PostJson("/api/channel/v1/stores/nope/webhook/rotate-secret", new { })).Response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A410Gone_DisablesAtOnce_AndOneCallResumesFromTheCursor()
    {
        await using var receiver = await WebhookReceiver.StartAsync(Secret);
        var (token, storeId, key) = await factory.Integrate();
        var store = factory.ChannelClient(key);
        await store.Push(storeId, Order("GO-1"), Order("GO-2"));
        await store.PutJson($"/api/channel/v1/stores/{storeId}/webhook", new { Url = receiver.Url, Secret });
        receiver.AnswerStatus = 410;

        await Despatch(token, "GO-1");
        var state = await EventuallyState(store, storeId, s => s["State"]!.GetValue<string>() == "Disabled");
        await Despatch(token, "GO-2");

        state["DisabledReason"]!.GetValue<string>().Should().Be("the receiver answered 410 Gone");
        state["RecentAttempts"]![0]!["Outcome"]!.GetValue<string>().Should().Be("gone");
        receiver.Received.Should().ContainSingle("one 410 is enough");
        receiver.AnswerStatus = null;
        await store.PostJson($"/api/channel/v1/stores/{storeId}/webhook/enable", new { });
        await Eventually.True(() => receiver.AcceptedIds().Count == 2, Delivered);
        var feed = (await store.GetFromJsonAsync<JsonObject>($"/api/channel/v1/stores/{storeId}/updates?limit=100"))!["Updates"]!.AsArray();
        receiver.AcceptedIds().Should().Equal(feed.Select(u => $"{storeId}:{u!["Cursor"]}"), "from the cursor, in order, nothing lost");
    }

    [Fact]
    public async Task RetryAfter_On503And429_IsHonoured_UpToTheBound()
    {
        await using var receiver = await WebhookReceiver.StartAsync(Secret);
        var (token, storeId, key) = await factory.Integrate();
        var store = factory.ChannelClient(key);
        await store.Push(storeId, Order("RA-1"));
        await store.PutJson($"/api/channel/v1/stores/{storeId}/webhook", new { Url = receiver.Url, Secret });
        receiver.AnswerStatus = 503;
        receiver.RetryAfterSeconds = 3;

        await Despatch(token, "RA-1");
        var state = await EventuallyState(store, storeId, s => s["Attempts"]!.GetValue<int>() >= 1);

        Wait(state).Should().BeCloseTo(TimeSpan.FromSeconds(3), TimeSpan.FromMilliseconds(100), "the receiver asked for 3 s; the back-off alone is 0.5 s here");
        receiver.AnswerStatus = 429;
        receiver.RetryAfterSeconds = 10 * 24 * 3600;
        await store.PostJson($"/api/channel/v1/stores/{storeId}/webhook/enable", new { });   // try again now
        state = await EventuallyState(store, storeId, s => s["Attempts"]!.GetValue<int>() >= 1 && s["LastError"]!.GetValue<string>().Contains("429", StringComparison.Ordinal));
        Wait(state).Should().BeCloseTo(TimeSpan.FromHours(1), TimeSpan.FromSeconds(1), "bounded by Webhooks:MaxRetryAfter");
        state["State"]!.GetValue<string>().Should().Be("Enabled");

        static TimeSpan Wait(JsonObject s) => Parse(s["NextAttemptUtc"]!) - Parse(s["LastAttemptUtc"]!);
        static DateTime Parse(JsonNode date) => DateTime.Parse(date.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal);
    }

    [Fact]
    public async Task AReceiverAnsweringWithAnEndlessBody_IsDeliveredOnItsStatus_WithoutTheBodyRead()
    {
        await using var receiver = await WebhookReceiver.StartAsync(Secret);
        var (token, storeId, key) = await factory.Integrate();
        var store = factory.ChannelClient(key);
        await store.Push(storeId, Order("EB-1"));
        await store.PutJson($"/api/channel/v1/stores/{storeId}/webhook", new { Url = receiver.Url, Secret });
        receiver.EndlessAnswer = true;

        await Despatch(token, "EB-1");
        var state = await EventuallyState(store, storeId, s => s["RecentAttempts"]!.AsArray().Count >= 1);

        state["RecentAttempts"]![0]!["Outcome"]!.GetValue<string>().Should().Be("delivered", "a 2xx status is the receiver's answer; what follows it is never read");
        state["Backlog"]!.GetValue<long>().Should().Be(0);
        await Eventually.True(() => receiver.Received.Count == 1, "the one delivery");
        receiver.EndlessBytesSent.Should().BeLessThan(8L << 20, "the service stops reading at the status, so a receiver cannot fill its memory");
    }

    [Fact]
    public async Task AReceiverThatHangs_DelaysOnlyItsOwnStore()
    {
        long inFlight = 0;
        using var listener = new System.Diagnostics.Metrics.MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name == "channelbridge.webhook.in_flight")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        await using var hanging = await WebhookReceiver.StartAsync(Secret);
        await using var healthy = await WebhookReceiver.StartAsync(Secret);
        hanging.Hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var (slowToken, slowStoreId, slowKey) = await factory.Integrate();

        // The meter is the process's: deliveries of other tests' services count in it too, so only this store's are summed.
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag is { Key: "store", Value: string id } && id == slowStoreId)
                {
                    Interlocked.Add(ref inFlight, value);
                }
            }
        });
        listener.Start();
        var (token, storeId, key) = await factory.Integrate();
        var slowStore = factory.ChannelClient(slowKey);
        var store = factory.ChannelClient(key);
        await slowStore.Push(slowStoreId, Order("HS-1"));
        await store.Push(storeId, Order("HO-1"));
        await slowStore.PutJson($"/api/channel/v1/stores/{slowStoreId}/webhook", new { Url = hanging.Url, Secret });
        await store.PutJson($"/api/channel/v1/stores/{storeId}/webhook", new { Url = healthy.Url, Secret });

        await Despatch(slowToken, "HS-1");
        await Eventually.True(() => hanging.Held == 1, "the hanging receiver holds its first delivery");
        await Despatch(token, "HO-1");

        await Eventually.True(() => healthy.AcceptedIds().Count == 1, "another store's update is delivered while the first receiver hangs");
        hanging.Held.Should().Be(1, "its delivery is still held");
        Interlocked.Read(ref inFlight).Should().Be(1, "the held delivery is counted in flight, under its store, for the on-call's alert");
        hanging.Hold.SetResult();
        await Eventually.True(() => hanging.AcceptedIds().Count == 1, "the held delivery completes");
    }

    [Fact]
    public async Task AnUpdateTheServiceCannotSend_IsAFailedAttemptBackedOff_NotTriedAgainAtOnce()
    {
        await using var receiver = await WebhookReceiver.StartAsync(Secret);
        var (token, storeId, key) = await factory.Integrate();
        var store = factory.ChannelClient(key);
        await store.Push(storeId, Order("PX-1"));
        await Despatch(token, "PX-1");
        // A hand edit put a line break in the stored update's type, which no request header can carry: the service cannot send it.
        factory.EditFeedByHand(storeId, "Type = 'Despatch' || char(10) || 'X'");

        await store.PutJson($"/api/channel/v1/stores/{storeId}/webhook", new { Url = receiver.Url, Secret });

        var state = await EventuallyState(store, storeId, s => s["Attempts"]!.GetValue<int>() >= 1);
        state["RecentAttempts"]![0]!["Outcome"]!.GetValue<string>().Should().Be("error");
        state["LastError"]!.GetValue<string>().Should().Contain("could not send this update");
        await Task.Delay(TimeSpan.FromSeconds(1));
        var later = (await store.GetFromJsonAsync<JsonObject>($"/api/channel/v1/stores/{storeId}/webhook"))!;
        later["Attempts"]!.GetValue<int>().Should().BeLessThan(6, "each attempt backs off (1 s, then up to this factory's 0.5 s bound), not tried again at once");
        receiver.Received.Should().BeEmpty();
    }

    [Fact]
    public async Task AnUpdateWhosePayloadWasDamaged_IsDeliveredWithoutIt_AndTheUpdatesAfterItFollow()
    {
        await using var receiver = await WebhookReceiver.StartAsync(Secret);
        var (token, storeId, key) = await factory.Integrate();
        var store = factory.ChannelClient(key);
        await store.Push(storeId, Order("PY-1"), Order("PY-2"));
        await Despatch(token, "PY-1");
        // A hand edit (a redaction by SQL, say) left the stored payload not JSON.
        factory.EditFeedByHand(storeId, "Payload = '{\"broken'");

        await store.PutJson($"/api/channel/v1/stores/{storeId}/webhook", new { Url = receiver.Url, Secret });
        await Despatch(token, "PY-2");
        await Eventually.True(() => receiver.AcceptedIds().Count == 2, Delivered);

        var bodies = receiver.Received.Where(r => r.Accepted).Select(r => JsonNode.Parse(r.Body)!).ToList();
        bodies[0]["Payload"].Should().BeNull();
        bodies[0]["Error"]!.GetValue<string>().Should().Be(ChannelBridge.Domain.Orders.StoreUpdate.UnreadablePayload);
        bodies[1]["Payload"]!["ReferenceNumber"]!.GetValue<string>().Should().Be("PY-2");
        bodies[1]["Error"].Should().BeNull("an update that can be read carries no Error");
    }

    [Fact]
    public async Task AnUpdateWhoseDateWasDamaged_IsDeliveredAsUnset_WithItsPayload()
    {
        await using var receiver = await WebhookReceiver.StartAsync(Secret);
        var (token, storeId, key) = await factory.Integrate();
        var store = factory.ChannelClient(key);
        await store.Push(storeId, Order("PZ-1"));
        await Despatch(token, "PZ-1");
        // A hand edit put text where the stored update's date is.
        factory.EditFeedByHand(storeId, "ReceivedUtc = 'not a date'");

        await store.PutJson($"/api/channel/v1/stores/{storeId}/webhook", new { Url = receiver.Url, Secret });
        await Eventually.True(() => receiver.AcceptedIds().Count == 1, Delivered);

        var body = JsonNode.Parse(receiver.Received.First(r => r.Accepted).Body)!;
        body["ReceivedUtc"]!.GetValue<string>().Should().Be("0001-01-01 00:00:00Z");
        body["Payload"]!["ReferenceNumber"]!.GetValue<string>().Should().Be("PZ-1");
    }

    [Fact]
    public async Task TheOperator_RedeliversFromACursor_WithTheSameIds_AStoreKeyCannot()
    {
        await using var receiver = await WebhookReceiver.StartAsync(Secret);
        var (token, storeId, key) = await factory.Integrate();
        var store = factory.ChannelClient(key);
        await store.Push(storeId, Order("RD-1"), Order("RD-2"));
        await store.PutJson($"/api/channel/v1/stores/{storeId}/webhook", new { Url = receiver.Url, Secret });
        await Despatch(token, "RD-1", "RD-2");
        await Eventually.True(() => receiver.AcceptedIds().Count == 2, Delivered);

        (await store.PostJson($"/api/channel/v1/stores/{storeId}/webhook/redeliver", new { After = 0 })).Response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var again = await factory.ChannelClient(ApiFactory.OperatorKey).PostJson($"/api/channel/v1/stores/{storeId}/webhook/redeliver", new { After = 0 });
        again.Response.StatusCode.Should().Be(HttpStatusCode.OK);
        await Eventually.True(() => receiver.AcceptedIds().Count == 4, Delivered);

        receiver.AcceptedIds().Skip(2).Should().Equal(receiver.AcceptedIds().Take(2), "the same updates, the same webhook-ids: a receiver that kept them drops the repeats");
    }

    /// <summary>Reads the webhook's state until <paramref name="done"/> holds (or fails after the wait).</summary>
    internal static Task<JsonObject> EventuallyState(HttpClient store, string storeId, Func<JsonObject, bool> done) =>
        Eventually.Value(
            async () => (await store.GetFromJsonAsync<JsonObject>($"/api/channel/v1/stores/{storeId}/webhook"))!, done, "the webhook should have reached that state by now");

    [Fact]
    public async Task Webhook_ValidationAndRemoval()
    {
        var (storeId, key) = await factory.CreateStore();
        var store = factory.ChannelClient(key);

        (await store.PutJson($"/api/channel/v1/stores/{storeId}/webhook", new { Url = "ftp://example.com", Secret })).Response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await store.PutJson($"/api/channel/v1/stores/{storeId}/webhook", new { Url = "https://93.184.215.14/hook", Secret = "short" })).Response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await store.PutJson($"/api/channel/v1/stores/{storeId}/webhook", new { Url = "https://93.184.215.14/hook", Secret = "a-long-secret-that-is-not-whsec-0123456789" })).Response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await store.PutJson($"/api/channel/v1/stores/{storeId}/webhook", new { Url = "https://93.184.215.14/hook", Secret = "whsec_" + Convert.ToBase64String(new byte[16]) })).Response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await store.GetAsync($"/api/channel/v1/stores/{storeId}/webhook")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await store.PutJson($"/api/channel/v1/stores/{storeId}/webhook", new { Url = "https://93.184.215.14/hook", Secret })).Response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await store.DeleteAsync($"/api/channel/v1/stores/{storeId}/webhook")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await store.DeleteAsync($"/api/channel/v1/stores/{storeId}/webhook")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    private const string Delivered = "the webhook worker should have delivered by now";

    private async Task Despatch(string token, params string[] references)
    {
        var (_, body) = await factory.Client().PostJson("/api/Order/Despatch", new { AuthorizationToken = token, Orders = references.Select(r => new { ReferenceNumber = r, TrackingNumber = "T-" + r }).ToArray() });
        body["Orders"]!.AsArray().Should().OnlyContain(o => o!["Error"] == null);
    }
}
