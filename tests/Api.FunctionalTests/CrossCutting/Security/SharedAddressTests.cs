using System.Net;

namespace ChannelBridge.Api.FunctionalTests.CrossCutting.Security;

/// <summary>
/// Production's shape: Linnworks calls every seller from the same few addresses and a platform's servers share one NAT
/// address. Here every client is 127.0.0.1, with the shipped failure limit (no override).
/// </summary>
public sealed class SharedAddressFactory : ApiFactory
{
    /// <summary>The default the service ships with.</summary>
    public static readonly int ShippedLimit = new Application.Common.RateLimitOptions().FailedAuthPerAddressPerMinute;

    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("RateLimits:FailedAuthPerAddressPerMinute", ShippedLimit.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("OAuth:Enabled", "true");
    }
}

public class SharedAddressTests(SharedAddressFactory factory) : IClassFixture<SharedAddressFactory>
{
    private const int StaleIntegrations = 60;

    [Fact]
    public async Task AFloodOfStaleTokensAndKeys_FromTheSharedAddress_LeavesEveryValidCallerServed()
    {
        var (token, storeId, storeKey) = await factory.Integrate();
        var platform = factory.ChannelClient(storeKey);
        (await platform.PostJson($"/api/channel/v1/stores/{storeId}/products", new { Products = new[] { new { SKU = "ABC", Title = "Mug", Quantity = 5, Price = 9.99m } } }))
            .Response.StatusCode.Should().Be(HttpStatusCode.OK);

        // Stale integrations poll with tokens the service no longer knows, twice each; stale platform jobs use old keys.
        var linnworks = factory.Client();
        for (var round = 0; round < 2; round++)
        {
            for (var i = 0; i < StaleIntegrations; i++)
            {
                await linnworks.PostJson("/api/Order/Orders", new { AuthorizationToken = $"stale-token-{i}", UTCTimeFrom = "2026-01-01 00:00:00Z", PageNumber = 1 });
                using var stale = factory.ChannelClient($"sk_stale_{i}");
                await stale.GetAsync($"/api/channel/v1/stores/{storeId}");
            }
        }

        var refused = (await linnworks.PostJson("/api/Config/ConfigTest", new { AuthorizationToken = "stale-token-0" })).Body["Error"]!.GetValue<string>();
        refused.Should().StartWith("Too many failed authentication attempts", $"the address is past the shipped limit of {SharedAddressFactory.ShippedLimit} failures a minute");
        using (var staleKey = factory.ChannelClient("sk_stale_0"))
        {
            (await staleKey.GetAsync($"/api/channel/v1/stores/{storeId}")).StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        }

        // Every Linnworks route family, the Channel API and OAuth, with valid credentials from the same address.
        (await linnworks.PostJson("/api/Config/ConfigTest", new { AuthorizationToken = token })).Body["Error"].Should().BeNull();
        (await linnworks.PostJson("/api/Config/UserConfig", new { AuthorizationToken = token })).Body["Error"].Should().BeNull();
        (await linnworks.PostJson("/api/Order/Orders", new { AuthorizationToken = token, UTCTimeFrom = "2026-01-01 00:00:00Z", PageNumber = 1 })).Body["Error"].Should().BeNull();
        var despatch = (await linnworks.PostJson("/api/Order/Despatch", new { AuthorizationToken = token, Orders = new[] { new { ReferenceNumber = "UNKNOWN-1" } } })).Body;
        despatch["Orders"]![0]!["Error"]!.GetValue<string>().Should().NotContain("Too many").And.NotContain("authorization token");
        (await linnworks.PostJson("/api/Product/Products", new { AuthorizationToken = token, PageNumber = 1 })).Body["Products"]!.AsArray().Should().ContainSingle();
        var inventory = (await linnworks.PostJson("/api/Product/InventoryUpdate", new { AuthorizationToken = token, Products = new[] { new { SKU = "ABC", Quantity = 7 } } })).Body;
        inventory["Products"]![0]!["Error"].Should().BeNull();
        (await linnworks.PostJson("/api/Listing/GetCategories", new { AuthorizationToken = token, PageNumber = 1 })).Body["Error"]?.GetValue<string>()
            .Should().NotContain("Too many").And.NotContain("authorization token");

        (await platform.GetAsync($"/api/channel/v1/stores/{storeId}")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await platform.GetAsync($"/api/channel/v1/stores/{storeId}/updates")).StatusCode.Should().Be(HttpStatusCode.OK);
        using var form = new FormUrlEncodedContent([new("grant_type", "client_credentials"), new("client_id", storeId), new("client_secret", storeKey)]);
        (await linnworks.PostAsync("/oauth/token", form)).StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
