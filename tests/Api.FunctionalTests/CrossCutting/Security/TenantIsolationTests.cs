using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ChannelBridge.Api.FunctionalTests.CrossCutting.Security;

/// <summary>
/// Every route of both APIs, walked as an attacker holding a valid store of their own would: no credentials,
/// another store's key, a revoked (rotated) key, a narrow OAuth token. Each must be refused.
/// </summary>
public sealed class OAuthSecurityFactory : ApiFactory
{
    // These tests make dozens of failing calls from one address on purpose and read each one's own refusal, so the
    // failure limit (SharedAddressTests and GuessingTests cover it) is raised out of their way.
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["OAuth:Enabled"] = "true",
        ["RateLimits:FailedAuthPerAddressPerMinute"] = "100000",
    };
}

public class TenantIsolationTests(OAuthSecurityFactory factory) : IClassFixture<OAuthSecurityFactory>
{
    private static readonly string[] LinnworksWithToken =
    [
        "/api/Config/UserConfig", "/api/Config/SaveConfig", "/api/Config/ConfigTest", "/api/Config/ShippingTags", "/api/Config/PaymentTags",
        "/api/Order/Orders", "/api/Order/Despatch", "/api/Order/Cancel", "/api/Order/Refund", "/api/Order/PostSaleOptions",
        "/api/Product/Products", "/api/Product/InventoryUpdate", "/api/Product/PriceUpdate", "/api/Config/ConfigDeleted",
    ];

    /// <summary>Every Channel API route (method, path with {storeId}) as the service really maps it.</summary>
    private IReadOnlyList<(string Method, string Template)> ChannelRoutes()
    {
        factory.Client();
        return [.. factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("api/channel/v1/stores", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(m => (m, e.RoutePattern.RawText!)))];
    }

    [Fact]
    public async Task ChannelApi_EveryRoute_RefusesNoKey_AnotherStoresKey_AndARotatedKey()
    {
        var (victim, _) = await factory.CreateStore("Victim");
        var (_, attackerKey) = await factory.CreateStore("Attacker");
        var (rotatedStore, rotatedKey) = await factory.CreateStore("Rotated");
        await factory.ChannelClient(ApiFactory.OperatorKey).PostJson($"/api/channel/v1/stores/{rotatedStore}/rotate-key", new { });
        var routes = ChannelRoutes();
        routes.Should().HaveCountGreaterThan(12, "the walk must cover the whole Channel API");

        foreach (var (method, template) in routes)
        {
            var path = "/" + template.Replace("{storeId}", victim, StringComparison.Ordinal).Replace("{sku}", "ABC", StringComparison.Ordinal);
            var operatorOnly = template == "api/channel/v1/stores" || template.EndsWith("/disable", StringComparison.Ordinal);
            (await Send(method, path, null)).Should().Be(HttpStatusCode.Unauthorized, $"{method} {path} without a key");
            (await Send(method, path, attackerKey)).Should().Be(HttpStatusCode.Forbidden, $"{method} {path} with another store's key");
            var rotatedPath = path.Replace(victim, rotatedStore, StringComparison.Ordinal);
            (await Send(method, rotatedPath, rotatedKey)).Should().Be(HttpStatusCode.Unauthorized, $"{method} {rotatedPath} with its own rotated key");
            if (operatorOnly)
            {
                (await Send(method, rotatedPath, await NewKey(rotatedStore))).Should().Be(HttpStatusCode.Forbidden, $"{method} {rotatedPath} is for the operator");
            }
        }
    }

    [Fact]
    public async Task LinnworksApi_EveryRoute_RefusesAMissingOrUnknownToken_InBand()
    {
        var client = factory.Client();
        foreach (var path in LinnworksWithToken)
        {
            foreach (var token in new[] { null, "f989a881a6a241d5ab81b4b03f3730f1" })
            {
                var (response, body) = await client.PostJson(path, new { AuthorizationToken = token });
                response.StatusCode.Should().Be(HttpStatusCode.OK, path);
                body["Error"]!.GetValue<string>().Should().Be("Invalid authorization token", path);
            }
        }
    }

    [Fact]
    public async Task LinnworksApi_AnotherStoresBearer_IsRefusedOnEveryRoute()
    {
        var (token, _, _) = await factory.Integrate();
        var (otherStore, otherKey) = await factory.CreateStore("Other");
        var client = WithBearer(await AccessToken(otherStore, otherKey, "orders listings"));

        foreach (var path in LinnworksWithToken.Where(p => !p.EndsWith("ConfigDeleted", StringComparison.Ordinal)))
        {
            (await client.PostJson(path, new { AuthorizationToken = token })).Body["Error"]!.GetValue<string>().Should().Be("Invalid or expired OAuth bearer token", path);
        }
    }

    [Fact]
    public async Task ANarrowToken_WorksOnlyWithinItsScope()
    {
        var (storeId, storeKey) = await factory.CreateStore();
        var ordersOnly = WithBearer(await AccessToken(storeId, storeKey, "orders"));
        var token = await ordersOnly.AddNewUser();
        (await ordersOnly.SaveConfig(token, "OrderSettings")).Body["Error"].Should().BeNull();

        (await ordersOnly.PostJson("/api/Order/Orders", new { AuthorizationToken = token, UTCTimeFrom = "2026-01-01 00:00:00Z", PageNumber = 1 })).Body["Error"].Should().BeNull();
        foreach (var path in new[] { "/api/Product/Products", "/api/Product/InventoryUpdate", "/api/Product/PriceUpdate" })
        {
            var body = (await ordersOnly.PostJson(path, new { AuthorizationToken = token, PageNumber = 1, Products = new[] { new { SKU = "A", Quantity = 1, Price = 1 } } })).Body;
            body["Error"]!.GetValue<string>().Should().Contain("'listings' scope", path);
            if (path != "/api/Product/Products")
            {
                body["Products"]!.AsArray().Should().ContainSingle("the SKU is still answered");
            }
        }

        var listingsOnly = WithBearer(await AccessToken(storeId, storeKey, "listings"));
        (await listingsOnly.PostJson("/api/Order/Despatch", new { AuthorizationToken = token, Orders = new[] { new { ReferenceNumber = "R1" } } })).Body["Orders"]![0]!["Error"]!
            .GetValue<string>().Should().Contain("'orders' scope");
    }

    [Fact]
    public async Task RotatingTheKey_CutsOffAnOAuthLinkedIntegration_EvenWithoutABearer_UntilANewTokenRelinksIt()
    {
        var (storeId, storeKey) = await factory.CreateStore();
        var linnworks = WithBearer(await AccessToken(storeId, storeKey, "orders listings"));
        var token = await linnworks.AddNewUser();
        await linnworks.SaveConfig(token, "OrderSettings");
        var noBearer = factory.Client();
        var orders = new { AuthorizationToken = token, UTCTimeFrom = "2026-01-01 00:00:00Z", PageNumber = 1 };
        (await noBearer.PostJson("/api/Order/Orders", orders)).Body["Error"].Should().BeNull("linked, and the bearer is optional");

        var rotated = (await factory.ChannelClient(ApiFactory.OperatorKey).PostJson($"/api/channel/v1/stores/{storeId}/rotate-key", new { })).Body["StoreKey"]!.GetValue<string>();

        (await noBearer.PostJson("/api/Order/Orders", orders)).Body["Error"]!.GetValue<string>().Should().Contain("rotated");
        (await noBearer.PostJson("/api/Config/ConfigTest", new { AuthorizationToken = token })).Body["Error"]!.GetValue<string>().Should().Contain("rotated");
        (await linnworks.PostJson("/api/Order/Orders", orders)).Body["Error"]!.GetValue<string>().Should().Be("Invalid or expired OAuth bearer token");

        var renewed = WithBearer(await AccessToken(storeId, rotated, "orders listings"));
        (await renewed.PostJson("/api/Order/Orders", orders)).Body["Error"].Should().BeNull("a bearer only the new key could obtain re-links it");
        (await noBearer.PostJson("/api/Config/ConfigTest", new { AuthorizationToken = token })).Body["Error"].Should().BeNull();
    }

    private async Task<HttpStatusCode> Send(string method, string path, string? key)
    {
        var client = factory.Client();
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        if (method is "POST" or "PUT")
        {
            request.Content = JsonContent.Create(new JsonObject());
        }

        return (await client.SendAsync(request)).StatusCode;
    }

    private async Task<string> NewKey(string storeId) =>
        (await factory.ChannelClient(ApiFactory.OperatorKey).PostJson($"/api/channel/v1/stores/{storeId}/rotate-key", new { })).Body["StoreKey"]!.GetValue<string>();

    private HttpClient WithBearer(string bearer)
    {
        var client = factory.Client();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        return client;
    }

    private async Task<string> AccessToken(string storeId, string storeKey, string scope)
    {
        using var form = new FormUrlEncodedContent([new("grant_type", "client_credentials"), new("client_id", storeId), new("client_secret", storeKey), new("scope", scope)]);
        var response = await factory.Client().PostAsync("/oauth/token", form);
        return (await ApiClientExtensions.ReadObject(response))["access_token"]!.GetValue<string>();
    }
}
