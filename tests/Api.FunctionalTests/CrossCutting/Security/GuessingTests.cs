using System.Net;
using System.Net.Http.Headers;

namespace ChannelBridge.Api.FunctionalTests.CrossCutting.Security;

/// <summary>Clients come through a trusted proxy on loopback, so X-Forwarded-For says who they are.</summary>
public sealed class GuessingFactory : ApiFactory
{
    public const int Threshold = 5;

    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("RateLimits:FailedAuthPerAddressPerMinute", Threshold.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Api:KnownProxies:0", "127.0.0.1");
        builder.UseSetting("OAuth:Enabled", "true");
    }
}

/// <summary>
/// Failing attempts from one address are answered "too many" past the threshold; valid credentials from that same
/// address are always served (Linnworks calls every seller from a few shared addresses).
/// </summary>
public class GuessingTests(GuessingFactory factory) : IClassFixture<GuessingFactory>
{
    [Fact]
    public async Task WrongAuthorizationTokens_FromOneAddress_AreTooManyPastTheThreshold_TheRightTokenIsServed()
    {
        var (token, _, _) = await factory.Integrate();   // from 127.0.0.1 itself: no failures there
        var shared = From("203.0.113.7");

        for (var i = 0; i < GuessingFactory.Threshold; i++)
        {
            (await shared.PostJson("/api/Config/ConfigTest", new { AuthorizationToken = $"guess-{i}" })).Body["Error"]!.GetValue<string>().Should().Be("Invalid authorization token");
        }

        (await shared.PostJson("/api/Config/ConfigTest", new { AuthorizationToken = "guess-next" })).Body["Error"]!.GetValue<string>()
            .Should().StartWith("Too many failed authentication attempts from this address; retry in ");
        (await shared.PostJson("/api/Config/ConfigTest", new { AuthorizationToken = token })).Body["Error"].Should().BeNull("a right token is served from any address");
        var despatch = (await shared.PostJson("/api/Order/Despatch", new { AuthorizationToken = "guess-again", Orders = new[] { new { ReferenceNumber = "R1" }, new { ReferenceNumber = "R2" } } })).Body;
        despatch["Orders"]!.AsArray().Should().HaveCount(2, "every item is answered");
        despatch["Orders"]![0]!["Retry"]!.GetValue<bool>().Should().BeTrue("the item may be retried later");
        despatch["Orders"]![1]!["Error"]!.GetValue<string>().Should().StartWith("Too many");
    }

    [Fact]
    public async Task WrongChannelKeys_AndWrongClientSecrets_FromOneAddress_Get429WithRetryAfter_TheRightKeyIsServed()
    {
        var (storeId, storeKey) = await factory.CreateStore();
        var shared = From("203.0.113.8");
        for (var i = 0; i < GuessingFactory.Threshold; i++)
        {
            shared.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", $"sk_guess_{i}");
            (await shared.GetAsync($"/api/channel/v1/stores/{storeId}")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        }

        var refused = await shared.GetAsync($"/api/channel/v1/stores/{storeId}");
        refused.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        refused.Headers.RetryAfter!.Delta!.Value.TotalSeconds.Should().BeInRange(1, 60);
        refused.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        using (var wrong = new FormUrlEncodedContent([new("grant_type", "client_credentials"), new("client_id", storeId), new("client_secret", "guess")]))
        {
            var oauthRefused = await shared.PostAsync("/oauth/token", wrong);
            oauthRefused.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
            oauthRefused.Headers.RetryAfter!.Delta!.Value.TotalSeconds.Should().BeInRange(1, 60);
        }

        shared.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", storeKey);
        (await shared.GetAsync($"/api/channel/v1/stores/{storeId}")).StatusCode.Should().Be(HttpStatusCode.OK);
        using var form = new FormUrlEncodedContent([new("grant_type", "client_credentials"), new("client_id", storeId), new("client_secret", storeKey)]);
        (await shared.PostAsync("/oauth/token", form)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task WrongClientSecrets_CountToo()
    {
        var (storeId, _) = await factory.CreateStore();
        var shared = From("203.0.113.9");
        for (var i = 0; i < GuessingFactory.Threshold; i++)
        {
            using var form = new FormUrlEncodedContent([new("grant_type", "client_credentials"), new("client_id", storeId), new("client_secret", $"guess-{i}")]);
            (await shared.PostAsync("/oauth/token", form)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        }

        using var last = new FormUrlEncodedContent([new("grant_type", "client_credentials"), new("client_id", storeId), new("client_secret", "guess")]);
        (await shared.PostAsync("/oauth/token", last)).StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task ASpoofedForwardedFor_CannotFreeAnAddressPastItsLimit()
    {
        // A trusted proxy appends the address it saw; only that last entry is believed (ForwardLimit 1), so
        // whatever the attacker writes in front of it changes nothing.
        var attacker = From("203.0.113.10");
        for (var i = 0; i < GuessingFactory.Threshold; i++)
        {
            await attacker.PostJson("/api/Config/ConfigTest", new { AuthorizationToken = $"guess-{i}" });
        }

        attacker.DefaultRequestHeaders.Remove("X-Forwarded-For");
        attacker.DefaultRequestHeaders.Add("X-Forwarded-For", "198.51.100.99, 203.0.113.10");
        (await attacker.PostJson("/api/Config/ConfigTest", new { AuthorizationToken = "guess" })).Body["Error"]!.GetValue<string>().Should().StartWith("Too many");
    }

    private HttpClient From(string address)
    {
        var client = factory.Client();
        client.DefaultRequestHeaders.Add("X-Forwarded-For", address);
        return client;
    }
}

/// <summary>Valid OAuth bearers on Linnworks calls are not failed authentications, however many calls are made.</summary>
public class BearerCallsAreNotGuessingTests(GuessingFactory factory) : IClassFixture<GuessingFactory>
{
    [Fact]
    public async Task ManyLinnworksCalls_WithAValidBearer_NeverBlockTheAddress()
    {
        var (storeId, storeKey) = await factory.CreateStore();
        using var form = new FormUrlEncodedContent([new("grant_type", "client_credentials"), new("client_id", storeId), new("client_secret", storeKey)]);
        var bearer = (await ApiClientExtensions.ReadObject(await factory.Client().PostAsync("/oauth/token", form)))["access_token"]!.GetValue<string>();
        var linnworks = factory.Client();
        linnworks.DefaultRequestHeaders.Add("X-Forwarded-For", "198.51.100.77");
        linnworks.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", bearer);
        var token = await linnworks.AddNewUser();
        await linnworks.SaveConfig(token, "OrderSettings");

        for (var i = 0; i < GuessingFactory.Threshold * 3; i++)
        {
            (await linnworks.PostJson("/api/Config/ConfigTest", new { AuthorizationToken = token })).Body["Error"].Should().BeNull($"call {i}");
        }
    }
}
