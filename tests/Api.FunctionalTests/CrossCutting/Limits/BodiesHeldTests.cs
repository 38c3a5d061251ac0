using System.Net;
using ChannelBridge.Api.FunctionalTests.CrossCutting.Operations;
using ChannelBridge.Application.Common.Linnworks;

namespace ChannelBridge.Api.FunctionalTests.CrossCutting.Limits;

/// <summary>
/// The service as an operator runs it, with bodies of at most 16 KiB and 64 KiB of them held at once: a body of the
/// largest size holds one 16 KiB segment, counted whole at its first read, so three of Linnworks' fill the 48 KiB that
/// bodies of callers not yet known may hold, and one fills a Channel API key's share (a quarter: 16 KiB). A body must
/// arrive at 1,024 bytes a second on average after five seconds: 15,000 bytes sent at once keep a body above that for
/// about 14 s, past the tests' few seconds.
/// </summary>
public sealed class BodiesHeldService() : LimitedService("bodies", OperatorKey, new Dictionary<string, string>
{
    // A body of the largest size is one 16 KiB segment of the pre-read, counted whole at its first read, and a key's
    // share (a quarter of the budget) is one such body; Linnworks' side, three quarters, is three.
    ["Api__MaxLinnworksRequestBytes"] = "16384",
    ["Api__MaxChannelRequestBytes"] = "16384",
    ["Api__MaxRequestBodyBytesHeld"] = "65536",
    ["Api__MinRequestBodyBytesPerSecond"] = "1024",
})
{
    public const string OperatorKey = "bodies-held-tests-operator-key-0123456789abcdef";
}

/// <summary>
/// Bodies are read before their turn (ADR-023), so what the node holds of them is bounded: a Channel API request that
/// fails authentication is refused before its body is read, and the bytes held by every caller, and by one key, are
/// bounded by <c>Api:MaxRequestBodyBytesHeld</c>. Each test sends every body it starts, so it leaves nothing held.
/// </summary>
public class BodiesHeldTests(BodiesHeldService fixture) : IClassFixture<BodiesHeldService>
{
    private const string AnOrder = """
        {"Orders":[{"ReferenceNumber":"100045","PaymentStatus":"PAID","ReceivedDate":"2026-12-01T00:00:01Z",
        "DeliveryAddress":{"FullName":"Jane Smith","Address1":"1 Old Street","Town":"London","PostCode":"EC1V 9HL","CountryCode":"GB"},
        "OrderItems":[{"OrderLineNumber":"1","SKU":"ABC","ItemTitle":"Mug","Qty":2,"PricePerUnit":9.99}]}]}
        """;

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private Uri Server => fixture.Service.Client.BaseAddress!;

    [Fact]
    public async Task AChannelApiCallWithAWrongKey_IsRefusedBeforeItsBodyArrives()
    {
        // 16,000 bytes at 640 a second: read first, it would be answered after about 25 s.
        using var request = await RawRequest.StartAsync(Server, "/api/channel/v1/stores/any/orders", RawRequest.Padded("""{"Orders":[]}""", 16_000), 64, "not-a-key");
        using var stop = new CancellationTokenSource();
        var trickle = request.TrickleAsync(stop.Token);

        var answer = await request.ReadAnswerAsync(Patience);
        await stop.CancelAsync();
        await trickle;

        answer.Should().StartWith("HTTP/1.1 401");
    }

    [Fact]
    public async Task ABodyArrivingSlowerThanTheMinimum_IsCutOff_AndAnsweredWithAnError()
    {
        // 16,000 bytes at 640 a second (above Kestrel's own 240) would take 25 s to arrive and hold its bytes all along.
        using var request = await RawRequest.StartAsync(Server, "/api/Order/Orders", RawRequest.Padded("""{"AuthorizationToken":"not-a-token","PageNumber":1}""", 16_000), 64);
        using var stop = new CancellationTokenSource();
        var trickle = request.TrickleAsync(stop.Token);

        var answer = await request.ReadAnswerAsync(Patience);
        await stop.CancelAsync();
        await trickle;

        answer.Should().StartWith("HTTP/1.1 200").And.Contain(LinnworksErrors.BodyTooSlow);
    }

    [Fact]
    public async Task AChannelApiBodyArrivingSlowerThanTheMinimum_Is408ProblemDetails()
    {
        var (storeId, storeKey) = await CreateStoreAsync("Slow uploader");
        using var request = await RawRequest.StartAsync(Server, $"/api/channel/v1/stores/{storeId}/orders", RawRequest.Padded(AnOrder, 16_000), 64, storeKey);
        using var stop = new CancellationTokenSource();
        var trickle = request.TrickleAsync(stop.Token);

        var answer = await request.ReadAnswerAsync(Patience);
        await stop.CancelAsync();
        await trickle;

        answer.Should().StartWith("HTTP/1.1 408").And.Contain("application/problem+json").And.Contain("\"title\":\"Request Timeout\"").And.Contain("arrived too slowly");
    }

    [Fact]
    public async Task LinnworksBodiesPastTheirThreeQuarters_AreAnsweredBusy_WhilePlatformsAreServed_AndServedOnceThereIsRoom()
    {
        var held = RawRequest.Padded("""{"AuthorizationToken":"not-a-token","UTCTimeFrom":"2026-01-01T00:00:00Z","PageNumber":1}""", 16_000);
        var (holds, refused) = await HoldThenProbeAsync(
            () => RawRequest.StartAsync(Server, "/api/Order/Orders", held, 15_000), 3, LinnworksErrorAsync, error => error == LinnworksErrors.Overloaded);
        var (platform, _) = await Client(BodiesHeldService.OperatorKey).PostJson("/api/channel/v1/stores", new { Name = "Still served" });
        await holds[0].FinishAsync();
        var firstAnswer = await holds[0].ReadAnswerAsync(Patience);
        var served = await LinnworksErrorAsync();
        foreach (var hold in holds.Skip(1))
        {
            await hold.FinishAsync();
            await hold.ReadAnswerAsync(Patience);
        }

        holds.ForEach(h => h.Dispose());
        refused.Should().Be(LinnworksErrors.Overloaded, "three bodies held fill the 48 KiB that bodies not yet known may hold");
        platform.StatusCode.Should().Be(HttpStatusCode.Created, "the Channel API's keys keep the last quarter of the node's budget");
        firstAnswer.Should().StartWith("HTTP/1.1 200").And.NotContain(LinnworksErrors.Overloaded);
        served.Should().NotBe(LinnworksErrors.Overloaded, "the first body's bytes were given back when it was answered");
    }

    [Fact]
    public async Task OneKeysBodies_AreBoundedByItsShare_AndNotAnotherKeys()
    {
        var operatorClient = Client(BodiesHeldService.OperatorKey);
        var (storeId, storeKey) = await CreateStoreAsync("Uploader");
        var ordersPath = $"/api/channel/v1/stores/{storeId}/orders";
        var (holds, (sameKey, _)) = await HoldThenProbeAsync(
            () => RawRequest.StartAsync(Server, ordersPath, RawRequest.Padded(AnOrder, 16_000), 15_000, storeKey), 1,
            () => Client(storeKey).PostRaw(ordersPath, AnOrder), answer => answer.Response.StatusCode == HttpStatusCode.TooManyRequests);
        using var upload = holds[0];
        var (otherKey, _) = await operatorClient.PostRaw(ordersPath, AnOrder);
        await upload.FinishAsync();
        var uploadAnswer = await upload.ReadAnswerAsync(Patience);
        var (afterwards, _) = await Client(storeKey).PostRaw(ordersPath, AnOrder);

        sameKey.StatusCode.Should().Be(HttpStatusCode.TooManyRequests, "the key's one held body is its share: 16 KiB");
        sameKey.Headers.RetryAfter.Should().NotBeNull();
        otherKey.StatusCode.Should().Be(HttpStatusCode.OK, "another key has its own share, and the node has room");
        uploadAnswer.Should().StartWith("HTTP/1.1 200");
        afterwards.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    /// <summary>
    /// Starts <paramref name="count"/> held bodies, then probes until the probe is <paramref name="refused"/>. On a loaded
    /// machine a probe can be read before a held body's first bytes are: the probe then takes the room, and the held body
    /// is the one refused. That run proves nothing either way, so it is run again (three times at most).
    /// </summary>
    private static async Task<(List<RawRequest> Holds, T Probe)> HoldThenProbeAsync<T>(Func<Task<RawRequest>> hold, int count, Func<Task<T>> probe, Func<T, bool> refused)
    {
        for (var attempt = 1; ; attempt++)
        {
            var holds = new List<RawRequest>();
            for (var i = 0; i < count; i++)
            {
                holds.Add(await hold());
            }

            await Task.Delay(300);   // the server reads the held bodies' first bytes as they arrive
            var answer = await EventuallyAsync(probe, refused);
            if (refused(answer) || attempt == 3 || !await AnyAnsweredAsync(holds))
            {
                return (holds, answer);
            }

            holds.ForEach(h => h.Dispose());
        }
    }

    /// <summary>Whether the server has already answered one of the held bodies (it refused it) instead of waiting for the rest.</summary>
    private static async Task<bool> AnyAnsweredAsync(List<RawRequest> holds)
    {
        foreach (var hold in holds)
        {
            try
            {
                if ((await hold.ReadAnswerAsync(TimeSpan.FromMilliseconds(100))).Length > 0)
                {
                    return true;
                }
            }
            catch (OperationCanceledException)
            {
                // No answer: still held.
            }
        }

        return false;
    }

    /// <summary>
    /// The probe's answer once it is <paramref name="expected"/>, or its last within ten seconds: the server reads the
    /// held bodies' bytes as they arrive, but a loaded machine may take a moment to.
    /// </summary>
    private static async Task<T> EventuallyAsync<T>(Func<Task<T>> probe, Func<T, bool> expected)
    {
        var until = DateTime.UtcNow.AddSeconds(10);
        var answer = await probe();
        while (!expected(answer) && DateTime.UtcNow < until)
        {
            await Task.Delay(200);
            answer = await probe();
        }

        return answer;
    }

    private async Task<(string StoreId, string StoreKey)> CreateStoreAsync(string name)
    {
        var (created, store) = await Client(BodiesHeldService.OperatorKey).PostJson("/api/channel/v1/stores", new { Name = name });
        created.StatusCode.Should().Be(HttpStatusCode.Created);
        return (store["StoreId"]!.GetValue<string>(), store["StoreKey"]!.GetValue<string>());
    }

    private HttpClient Client(string key) =>
        new() { BaseAddress = Server, Timeout = Patience, DefaultRequestHeaders = { Authorization = new("Bearer", key) } };

    private async Task<string?> LinnworksErrorAsync()
    {
        var (_, body) = await fixture.Service.Client.PostRaw("/api/Order/Orders", """{"AuthorizationToken":"not-a-token","UTCTimeFrom":"2026-01-01T00:00:00Z","PageNumber":1}""");
        return body["Error"]?.GetValue<string>();
    }
}
