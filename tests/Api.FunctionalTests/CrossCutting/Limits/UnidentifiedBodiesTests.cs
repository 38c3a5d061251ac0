using System.Net;
using ChannelBridge.Api.FunctionalTests.CrossCutting.Operations;
using ChannelBridge.Application.Common.Linnworks;

namespace ChannelBridge.Api.FunctionalTests.CrossCutting.Limits;

/// <summary>
/// The service as an operator runs it, with Linnworks bodies of at most 64 KiB and 256 KiB of bodies held at once:
/// Linnworks' side holds three quarters (192 KiB), one store's Linnworks bodies a quarter (64 KiB), and bodies whose
/// caller is not known a quarter (64 KiB) beyond each body's first 16 KiB. A body must arrive at 1,024 bytes a second on
/// average after five seconds: 20,000 bytes sent at once keep a body above that for about 19 s, past the tests' few seconds.
/// </summary>
public sealed class UnidentifiedBodiesService() : LimitedService("unidentified", OperatorKey, new Dictionary<string, string>
{
    ["Api__MaxLinnworksRequestBytes"] = "65536",
    ["Api__MaxChannelRequestBytes"] = "16384",
    ["Api__MaxRequestBodyBytesHeld"] = "262144",
    ["Api__MinRequestBodyBytesPerSecond"] = "1024",
})
{
    public const string OperatorKey = "unidentified-bodies-tests-operator-key-0123456789";
}

/// <summary>
/// Anyone can send Linnworks' routes a body with a made-up token. Such bodies, held open, must not take the sellers'
/// share of the bodies held (ADR-026): a body counts against its integration's store as soon as its first bytes name it,
/// and bodies no store is known for hold a quarter together, so the sellers' calls keep the rest.
/// </summary>
public class UnidentifiedBodiesTests(UnidentifiedBodiesService fixture) : IClassFixture<UnidentifiedBodiesService>
{
    private const int FloodBodies = 6;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private Uri Server => fixture.Service.Client.BaseAddress!;

    [Fact]
    public async Task BodiesWithMadeUpTokens_HoldAQuarter_WhileASellersCallsAreServed()
    {
        var token = await LinkedIntegrationAsync();
        var orders = """{"AuthorizationToken":"%","UTCTimeFrom":"2026-01-01T00:00:00Z","PageNumber":1}""";

        // Six bodies of 60,000 bytes, 20,000 of each sent: two 16 KiB segments each, 192 KiB in all, Linnworks' whole side.
        // Past its first 16 KiB each body takes one segment of the 64 KiB for bodies of no known store, so four are held,
        // and two are refused, in whatever order the server reads them.
        var flood = new List<RawRequest>();
        for (var i = 0; i < FloodBodies; i++)
        {
            flood.Add(await RawRequest.StartAsync(Server, "/api/Order/Orders", RawRequest.Padded(orders.Replace("%", $"made-up-{i}"), 60_000), 20_000));
        }

        var refused = await AnsweredAsync(flood, expected: 2);
        var seller = await PostPaddedAsync(orders.Replace("%", token), 40_000);
        var lateToken = await PostPaddedAsync("{" + new string(' ', 20_000) + orders.Replace("%", token)[1..], 40_000);
        foreach (var held in flood.Where(f => !refused.ContainsKey(f)))
        {
            await held.FinishAsync();
            await held.ReadAnswerAsync(Patience);
        }

        var lateTokenAfterwards = await PostPaddedAsync("{" + new string(' ', 20_000) + orders.Replace("%", token)[1..], 40_000);
        flood.ForEach(f => f.Dispose());

        refused.Values.Should().HaveCount(2, "four bodies fill the 64 KiB that bodies of no known store hold beyond their first bytes")
            .And.AllSatisfy(a => a.Should().StartWith("HTTP/1.1 200").And.Contain(LinnworksErrors.Overloaded));
        seller.Should().BeNull("the seller's body names its integration in its first bytes, and counts against its store's share");
        lateToken.Should().Be(LinnworksErrors.Overloaded, "a body whose token comes after its first 16 KiB waits with the bodies of no known store");
        lateTokenAfterwards.Should().BeNull("the flood's bodies gave their bytes back when they were answered");
    }

    /// <summary>The held bodies the server answered (refused) within a few seconds, once <paramref name="expected"/> are.</summary>
    private static async Task<Dictionary<RawRequest, string>> AnsweredAsync(List<RawRequest> held, int expected)
    {
        var answered = new Dictionary<RawRequest, string>();
        var until = DateTime.UtcNow.AddSeconds(10);
        while (answered.Count < expected && DateTime.UtcNow < until)
        {
            foreach (var request in held.Where(h => !answered.ContainsKey(h)))
            {
                try
                {
                    if (await request.ReadAnswerAsync(TimeSpan.FromMilliseconds(200)) is { Length: > 0 } answer)
                    {
                        answered[request] = answer;
                    }
                }
                catch (OperationCanceledException)
                {
                    // No answer yet: still held.
                }
            }
        }

        await Task.Delay(300);   // any further answer would show the limit wrong: give it the time to come
        foreach (var request in held.Where(h => !answered.ContainsKey(h)))
        {
            try
            {
                answered[request] = await request.ReadAnswerAsync(TimeSpan.FromMilliseconds(200));
            }
            catch (OperationCanceledException)
            {
                // Still held, as it should be.
            }
        }

        return answered;
    }

    /// <summary>A Linnworks Orders call whose body is padded to <paramref name="length"/> bytes: its answer's Error.</summary>
    private async Task<string?> PostPaddedAsync(string json, int length)
    {
        using var request = await RawRequest.StartAsync(Server, "/api/Order/Orders", RawRequest.Padded(json, length), length);
        var answer = await request.ReadAnswerAsync(Patience);
        answer.Should().StartWith("HTTP/1.1 200");
        var body = System.Text.Json.Nodes.JsonNode.Parse(answer[(answer.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..])!;
        return body["Error"]?.GetValue<string>();
    }

    private async Task<string> LinkedIntegrationAsync()
    {
        var client = fixture.Service.Client;
        using var operatorClient = new HttpClient { BaseAddress = Server, DefaultRequestHeaders = { Authorization = new("Bearer", UnidentifiedBodiesService.OperatorKey) } };
        var (created, store) = await operatorClient.PostJson("/api/channel/v1/stores", new { Name = "Seller" });
        created.StatusCode.Should().Be(HttpStatusCode.Created);
        var token = await client.AddNewUser();
        (await client.SaveConfig(token, "ConnectStore", ("StoreId", store["StoreId"]!.GetValue<string>()), ("StoreKey", store["StoreKey"]!.GetValue<string>()))).Body["Error"].Should().BeNull();
        (await client.SaveConfig(token, "OrderSettings")).Body["StepName"]!.GetValue<string>().Should().Be("UserConfig");
        return token;
    }
}
