using System.Net;
using ChannelBridge.Api.FunctionalTests.CrossCutting.Secrets;

namespace ChannelBridge.Api.FunctionalTests.CrossCutting.Security;

/// <summary>
/// A flood of wrong credentials from one address cannot make the node write a log line per request: the failures within
/// the address's limit (20 a minute) are each logged, and past it one line a minute says so; the rest are only counted,
/// and the framework's own lines for each failed authentication are off.
/// </summary>
public class OncePerMinuteLogLinesTests(LogCapturingApiFactory factory) : IClassFixture<LogCapturingApiFactory>
{
    [Fact]
    public async Task WrongKeysAndTokensPastTheAddressesLimit_AreLoggedOnceAMinute_NotOncePerRequest()
    {
        var channel = factory.ChannelClient("sk_not-a-key");
        var linnworks = factory.Client();
        for (var i = 0; i < 30; i++)
        {
            (await channel.GetAsync("/api/channel/v1/stores/any")).StatusCode.Should().BeOneOf(HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests);
        }

        for (var i = 0; i < 30; i++)
        {
            var (_, body) = await linnworks.PostJson("/api/Config/ConfigTest", new { AuthorizationToken = $"stale-{i}" });
            body["Error"]!.GetValue<string>().Should().StartWith("Too many failed authentication attempts");
        }

        var refusals = factory.Lines.Where(l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains(" refused: ", StringComparison.Ordinal)).ToList();
        refusals.Count(l => l.Contains("past its limit", StringComparison.Ordinal)).Should().Be(1, string.Join("\n", refusals));
        refusals.Single(l => l.Contains("past its limit", StringComparison.Ordinal)).Should().Contain("not logged");
        refusals.Should().HaveCount(21, "20 failures within the limit, each logged, and one line once past it");
        factory.Lines.Should().NotContain(l => l.Contains("Linnworks ConfigTest", StringComparison.Ordinal) && l.Contains("blocked", StringComparison.Ordinal),
            "a Linnworks call blocked for its address writes no line of its own either");
        factory.Lines.Should().NotContain(l => l.Contains("was not authenticated", StringComparison.Ordinal) || l.Contains("was challenged", StringComparison.Ordinal),
            "appsettings.json keeps the framework's four lines for each failed Channel API authentication off");
    }
}

/// <summary>Captures every log line, with five calls a minute for each integration and each Channel API key.</summary>
public sealed class TightLimitsLogCapturingApiFactory : LogCapturingApiFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
    {
        ["RateLimits:LinnworksPerIntegrationPerMinute"] = "5",
        ["RateLimits:ChannelPerKeyPerMinute"] = "5",
    };
}

/// <summary>
/// A caller sending in a loop past its limit a minute is refused every time, and the node logs that once a minute for
/// it (<see cref="Application.Common.OncePerMinuteLogLines"/>), not once per request; the refusals are counted.
/// </summary>
public class ThrottledCallerLogLinesTests(TightLimitsLogCapturingApiFactory factory) : IClassFixture<TightLimitsLogCapturingApiFactory>
{
    [Fact]
    public async Task AnIntegrationAndAKeyPastTheirLimits_AreLoggedOnceAMinute_AndThrottledCallsWriteNoLineEach()
    {
        var (token, storeId, key) = await factory.Integrate();
        var linnworks = factory.Client();
        var platform = factory.ChannelClient(key);
        var throttled = 0;
        for (var i = 0; i < 20; i++)
        {
            var (_, body) = await linnworks.PostJson("/api/Config/ConfigTest", new { AuthorizationToken = token });
            throttled += body["Error"]?.GetValue<string>().StartsWith("Too many requests for this integration", StringComparison.Ordinal) == true ? 1 : 0;
            (await platform.GetAsync($"/api/channel/v1/stores/{storeId}")).StatusCode.Should().BeOneOf(HttpStatusCode.OK, HttpStatusCode.TooManyRequests);
        }

        throttled.Should().BeGreaterThan(10, "five calls a minute, two of them the wizard's");
        var lines = factory.Lines.ToList();
        lines.Count(l => l.Contains("throttled: integration", StringComparison.Ordinal)).Should().Be(1, "one line a minute for the integration");
        lines.Count(l => l.Contains("throttled: its key", StringComparison.Ordinal)).Should().Be(1, "one line a minute for the key");
        lines.Should().NotContain(l => l.Contains("Linnworks ConfigTest", StringComparison.Ordinal) && l.Contains("rate_limited", StringComparison.Ordinal),
            "a throttled call writes no line of its own");
        lines.Count(l => l.Contains("Linnworks ConfigTest", StringComparison.Ordinal) && l.Contains("success", StringComparison.Ordinal)).Should().Be(20 - throttled, "every call served is logged");
    }
}

/// <summary>
/// Wrong credentials at /oauth/token are logged as on every other route: each within the address's limit, with its
/// reason and the client id but never the secret, and past the limit one line a minute for the address.
/// </summary>
public class TokenRequestRefusalLogLinesTests(LogCapturingApiFactory factory) : IClassFixture<LogCapturingApiFactory>
{
    [Fact]
    public async Task WrongClientSecretsAndUnknownClients_AreEachLoggedWithinTheLimit_AndOnceAMinutePastIt()
    {
        var (storeId, _) = await factory.CreateStore();
        var client = factory.Client();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 30; i++)
        {
            var clientId = i == 3 ? "x\nwarn: forged line" : i % 3 == 0 ? $"st_made-up-{i}" : storeId;
            using var form = new FormUrlEncodedContent([new("grant_type", "client_credentials"), new("client_id", clientId), new("client_secret", $"sk_guess-{i}")]);
            statuses.Add((await client.PostAsync("/oauth/token", form)).StatusCode);
        }

        statuses.Take(20).Should().AllBeEquivalentTo(HttpStatusCode.Unauthorized);
        statuses.Skip(20).Should().AllBeEquivalentTo(HttpStatusCode.TooManyRequests);
        var refusals = factory.Lines.Where(l => l.Contains("Token request refused: ", StringComparison.Ordinal)).ToList();
        refusals.Should().HaveCount(21, "20 failures within the limit, each logged, and one line once past it");
        refusals.Count(l => l.Contains("wrong secret", StringComparison.Ordinal) && l.Contains(storeId, StringComparison.Ordinal)).Should().BeGreaterThan(10);
        refusals.Should().Contain(l => l.Contains("unknown client", StringComparison.Ordinal) && l.Contains("st_made-up-0", StringComparison.Ordinal));
        refusals.Last().Should().Contain("past its limit").And.Contain("not logged");
        factory.Lines.Should().NotContain(l => l.Contains("sk_guess-", StringComparison.Ordinal), "a secret is never logged, not even a wrong one");
        refusals.Should().Contain(l => l.Contains("(19 characters, not a store id)", StringComparison.Ordinal))
            .And.NotContain(l => l.Contains("forged", StringComparison.Ordinal), "a client id with a line break is logged as its length only");
    }
}

/// <summary>A path is logged as it is written in a URL: a percent-encoded line break cannot forge a log line.</summary>
public class PathsInLogLinesTests(LogCapturingApiFactory factory) : IClassFixture<LogCapturingApiFactory>
{
    [Fact]
    public async Task ARefusedCallsPath_IsLoggedEncoded()
    {
        (await factory.ChannelClient("sk_not-a-key").GetAsync("/api/channel/v1/stores/x%0Awarn:%20forged")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);

        var refusal = factory.Lines.Single(l => l.Contains("refused: unknown key", StringComparison.Ordinal));
        refusal.Should().Contain("/api/channel/v1/stores/x%0Awarn:%20forged").And.NotContain("\n");
    }
}
