using System.Net;

namespace ChannelBridge.Api.FunctionalTests.CrossCutting.Limits;

public sealed class TokenLimitsApiFactory : ApiFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["RateLimits:ChannelPerKeyPerMinute"] = "8",
        ["RateLimits:TokensPerClientPerMinute"] = "3",
        ["OAuth:Enabled"] = "true",
    };
}

public class TokenRateLimitTests(TokenLimitsApiFactory factory) : IClassFixture<TokenLimitsApiFactory>
{
    [Fact]
    public async Task OAuthTokens_FromOneAddress_AreLimitedPerClient_NotPerAddress()
    {
        // Linnworks asks for every seller's tokens from a few addresses: four stores' token requests from this one
        // address (12, past the Channel API's 8 a key, which limited this endpoint per address) are all served while each
        // store keeps within its 3 a minute.
        var client = factory.Client();
        var stores = new List<(string StoreId, string StoreKey)>();
        for (var i = 0; i < 4; i++)
        {
            stores.Add(await factory.CreateStore($"Token shop {i}"));
        }

        var statuses = new List<HttpStatusCode>();
        for (var round = 0; round < 3; round++)
        {
            foreach (var (storeId, storeKey) in stores)
            {
                statuses.Add((await RequestToken(client, storeId, storeKey)).StatusCode);
            }
        }

        statuses.Should().HaveCount(12).And.OnlyContain(s => s == HttpStatusCode.OK);

        // The first store's fourth in the minute is refused, with when to retry; a store that has not asked is served.
        var refused = await RequestToken(client, stores[0].StoreId, stores[0].StoreKey);
        refused.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        refused.Headers.RetryAfter.Should().NotBeNull();
        refused.Headers.CacheControl!.NoStore.Should().BeTrue();
        (await ApiClientExtensions.ReadObject(refused))["status"]!.GetValue<int>().Should().Be(429);

        var fresh = await factory.CreateStore("Token shop that asks once");
        (await RequestToken(client, fresh.StoreId, fresh.StoreKey)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task OAuthTokens_AWrongSecret_IsNotCountedAgainstTheClient()
    {
        // Only a token issued counts against its client: someone who knows a store's id and not its secret cannot use
        // up the store's tokens (their failures count against their own address instead).
        var client = factory.Client();
        var (storeId, storeKey) = await factory.CreateStore("Shop whose id is known");
        for (var i = 0; i < 6; i++)
        {
            (await RequestToken(client, storeId, "sk_wrong")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        }

        for (var i = 0; i < 3; i++)
        {
            (await RequestToken(client, storeId, storeKey)).StatusCode.Should().Be(HttpStatusCode.OK);
        }
    }

    private static Task<HttpResponseMessage> RequestToken(HttpClient client, string storeId, string secret) =>
        client.PostAsync("/oauth/token", new FormUrlEncodedContent([new("grant_type", "client_credentials"), new("client_id", storeId), new("client_secret", secret)]));
}
