using System.Net;

namespace ChannelBridge.Api.FunctionalTests.CrossCutting.Limits;

public sealed class LowLimitsApiFactory : ApiFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["RateLimits:LinnworksPerIntegrationPerMinute"] = "3",
        ["RateLimits:ChannelPerKeyPerMinute"] = "5",
    };
}

public class RateLimitTests(LowLimitsApiFactory factory) : IClassFixture<LowLimitsApiFactory>
{
    [Fact]
    public async Task LinnworksCalls_OverTheLimit_AreAnErrorForThatIntegrationOnly()
    {
        var client = factory.Client();
        var first = await client.AddNewUser();
        var second = await client.AddNewUser();

        var answers = new List<string?>();
        for (var i = 0; i < 4; i++)
        {
            answers.Add((await client.PostJson("/api/Config/UserConfig", new { AuthorizationToken = first })).Body["Error"]?.GetValue<string>());
        }

        answers.Take(3).Should().OnlyContain(e => e == null);
        answers[3].Should().StartWith("Too many requests for this integration; retry in");
        (await client.PostJson("/api/Config/UserConfig", new { AuthorizationToken = second })).Body["Error"].Should().BeNull();
    }

    [Fact]
    public async Task ChannelApi_OverTheLimit_Is429ProblemWithRetryAfter()
    {
        var (storeId, storeKey) = await factory.CreateStore("Limited shop");
        var store = factory.ChannelClient(storeKey);
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 6; i++)
        {
            last = await store.GetAsync($"/api/channel/v1/stores/{storeId}/updates");
            statuses.Add(last.StatusCode);
        }

        statuses.Take(5).Should().OnlyContain(s => s == HttpStatusCode.OK);
        statuses[5].Should().Be(HttpStatusCode.TooManyRequests);
        last!.Headers.RetryAfter.Should().NotBeNull();
        (await ApiClientExtensions.ReadObject(last))["status"]!.GetValue<int>().Should().Be(429);
    }

    [Fact]
    public async Task ChannelApi_TheLimitIsTheStores_HoweverItsKeyIsWritten()
    {
        // The handler reads "bearer", "BEARER" and spaces around the key as the same key: a limit per way of writing the
        // header would give a store as many limits as it likes.
        var (storeId, storeKey) = await factory.CreateStore("Shop that rewrites its header");
        var client = factory.Client();
        var statuses = new List<HttpStatusCode>();
        foreach (var header in new[] { $"Bearer {storeKey}", $"bearer {storeKey}", $"BEARER {storeKey}", $"Bearer  {storeKey}", $"Bearer {storeKey} ", $"bEaReR {storeKey}" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/channel/v1/stores/{storeId}/updates");
            request.Headers.TryAddWithoutValidation("Authorization", header).Should().BeTrue();
            statuses.Add((await client.SendAsync(request)).StatusCode);
        }

        statuses.Take(5).Should().OnlyContain(s => s == HttpStatusCode.OK);
        statuses[5].Should().Be(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task ChannelApi_UnknownKeys_AreRefusedAsUnknown_NotLimitedPerKey()
    {
        // A key that fails authentication has no per-key limit (each made-up key one would be a limiter held for a
        // minute); its address's failures are counted instead (FailedAuthentications, 20 a minute by default).
        var client = factory.Client();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 8; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/channel/v1/stores/x/updates");
            request.Headers.TryAddWithoutValidation("Authorization", i < 7 ? "Bearer the-same-unknown-key" : $"Bearer unknown-key-{i}");
            statuses.Add((await client.SendAsync(request)).StatusCode);
        }

        statuses.Should().OnlyContain(s => s == HttpStatusCode.Unauthorized);
    }
}
