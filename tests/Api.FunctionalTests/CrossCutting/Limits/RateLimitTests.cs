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
        var store = factory.ChannelClient("some-key-that-is-not-valid-but-still-counted");
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 6; i++)
        {
            last = await store.GetAsync("/api/channel/v1/stores/x");
            statuses.Add(last.StatusCode);
        }

        statuses.Take(5).Should().OnlyContain(s => s == HttpStatusCode.Unauthorized);
        statuses[5].Should().Be(HttpStatusCode.TooManyRequests);
        last!.Headers.RetryAfter.Should().NotBeNull();
        (await ApiClientExtensions.ReadObject(last))["status"]!.GetValue<int>().Should().Be(429);
    }
}
