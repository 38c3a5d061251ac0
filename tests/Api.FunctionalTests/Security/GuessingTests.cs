using System.Net;
using System.Net.Http.Headers;

namespace ChannelBridge.Api.FunctionalTests.Security;

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

/// <summary>Guessing credentials from one address stalls after the threshold; other addresses are unaffected.</summary>
public class GuessingTests(GuessingFactory factory) : IClassFixture<GuessingFactory>
{
    [Fact]
    public async Task WrongAuthorizationTokens_FromOneAddress_StallAfterTheThreshold_OthersCarryOn()
    {
        var (token, _, _) = await factory.Integrate();   // from 127.0.0.1 itself: no failures there
        var attacker = From("203.0.113.7");
        var seller = From("198.51.100.9");

        for (var i = 0; i < GuessingFactory.Threshold; i++)
        {
            (await attacker.PostJson("/api/Config/ConfigTest", new { AuthorizationToken = $"guess-{i}" })).Body["Error"]!.GetValue<string>().Should().Be("Invalid authorization token");
        }

        var stalled = (await attacker.PostJson("/api/Config/ConfigTest", new { AuthorizationToken = token })).Body["Error"]!.GetValue<string>();
        stalled.Should().StartWith("Too many failed authentication attempts from this address; retry in ", "even a right token is refused from a blocked address");
        (await seller.PostJson("/api/Config/ConfigTest", new { AuthorizationToken = token })).Body["Error"].Should().BeNull();
        var despatch = (await attacker.PostJson("/api/Order/Despatch", new { AuthorizationToken = token, Orders = new[] { new { ReferenceNumber = "R1" } } })).Body;
        despatch["Orders"]![0]!["Retry"]!.GetValue<bool>().Should().BeTrue("the item is answered, and may be retried later");
    }

    [Fact]
    public async Task WrongChannelKeys_AndWrongClientSecrets_FromOneAddress_Get429WithRetryAfter()
    {
        var (storeId, storeKey) = await factory.CreateStore();
        var attacker = From("203.0.113.8");
        for (var i = 0; i < GuessingFactory.Threshold; i++)
        {
            attacker.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", $"sk_guess_{i}");
            (await attacker.GetAsync($"/api/channel/v1/stores/{storeId}")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        }

        attacker.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", storeKey);
        var blocked = await attacker.GetAsync($"/api/channel/v1/stores/{storeId}");
        blocked.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        blocked.Headers.RetryAfter!.Delta!.Value.TotalSeconds.Should().BeInRange(1, 60);
        blocked.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        using var form = new FormUrlEncodedContent([new("grant_type", "client_credentials"), new("client_id", storeId), new("client_secret", storeKey)]);
        (await attacker.PostAsync("/oauth/token", form)).StatusCode.Should().Be(HttpStatusCode.TooManyRequests);

        var platform = From("198.51.100.10");
        platform.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", storeKey);
        (await platform.GetAsync($"/api/channel/v1/stores/{storeId}")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task WrongClientSecrets_CountToo()
    {
        var (storeId, _) = await factory.CreateStore();
        var attacker = From("203.0.113.9");
        for (var i = 0; i < GuessingFactory.Threshold; i++)
        {
            using var form = new FormUrlEncodedContent([new("grant_type", "client_credentials"), new("client_id", storeId), new("client_secret", $"guess-{i}")]);
            (await attacker.PostAsync("/oauth/token", form)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        }

        using var last = new FormUrlEncodedContent([new("grant_type", "client_credentials"), new("client_id", storeId), new("client_secret", "guess")]);
        (await attacker.PostAsync("/oauth/token", last)).StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task ASpoofedForwardedFor_CannotFreeABlockedAddress()
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
