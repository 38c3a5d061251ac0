using System.Net;
using System.Text.Json.Nodes;

namespace ChannelBridge.Api.FunctionalTests.Features.Stores;

public class StoresEndpointsTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _operator = factory.ChannelClient(ApiFactory.OperatorKey);

    [Fact]
    public async Task Create_AsOperator_Is201WithTheKeyShownOnce()
    {
        var (response, body) = await _operator.PostJson("/api/channel/v1/stores", new { Name = "Demo shop" });

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        response.Headers.Location!.ToString().Should().EndWith($"/api/channel/v1/stores/{body["StoreId"]}");
        body.Select(p => p.Key).Should().Equal("StoreId", "Name", "StoreKey", "IsActive");
        body["StoreKey"]!.GetValue<string>().Should().StartWith("sk_");
        body["IsActive"]!.GetValue<bool>().Should().BeTrue();

        var (_, read) = await _operator.GetFromJsonAsync<JsonObject>($"/api/channel/v1/stores/{body["StoreId"]}") is { } o ? (0, o) : default;
        read.Should().NotContainKey("StoreKey");
        read["Name"]!.GetValue<string>().Should().Be("Demo shop");
    }

    [Theory]
    [InlineData("""{"Name":""}""")]
    [InlineData("""{}""")]
    public async Task Create_WithoutName_Is400ValidationProblem(string json)
    {
        var (response, body) = await _operator.PostRaw("/api/channel/v1/stores", json);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        body["status"]!.GetValue<int>().Should().Be(400);
        body.Should().ContainKey("errors").And.ContainKey("traceId").And.ContainKey("type");
    }

    [Fact]
    public async Task Create_MalformedJson_Is400Problem()
    {
        var (response, body) = await _operator.PostRaw("/api/channel/v1/stores", "{\"Name\":");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        body["title"]!.GetValue<string>().Should().NotBeNullOrEmpty();
    }

    [Fact]
    public async Task MissingOrWrongKey_Is401ProblemWithBearerChallenge()
    {
        var (storeId, _) = await factory.CreateStore();
        foreach (var client in new[] { factory.Client(), factory.ChannelClient("wrong-key"), factory.ChannelClient(ApiFactory.OperatorKey + "x") })
        {
            var response = await client.GetAsync($"/api/channel/v1/stores/{storeId}");

            response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
            response.Headers.WwwAuthenticate.Should().ContainSingle(h => h.Scheme == "Bearer");
            (await ApiClientExtensions.ReadObject(response))["status"]!.GetValue<int>().Should().Be(401);
        }
    }

    [Fact]
    public async Task StoreKey_ReachesItsOwnStoreOnly()
    {
        var (mine, myKey) = await factory.CreateStore("Mine");
        var (theirs, _) = await factory.CreateStore("Theirs");
        var store = factory.ChannelClient(myKey);

        (await store.GetAsync($"/api/channel/v1/stores/{mine}")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await store.GetAsync($"/api/channel/v1/stores/{theirs}")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await store.PutAsJsonAsync($"/api/channel/v1/stores/{theirs}/shipping-tags", new { ShippingTags = Array.Empty<object>() })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await store.PostAsJsonAsync("/api/channel/v1/stores", new { Name = "Sneaky" })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await store.PostAsJsonAsync($"/api/channel/v1/stores/{mine}/disable", new { })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task UnknownStore_Is404Problem()
    {
        var response = await _operator.GetAsync("/api/channel/v1/stores/does-not-exist");

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        var body = await ApiClientExtensions.ReadObject(response);
        body["detail"]!.GetValue<string>().Should().Contain("does-not-exist");
        body.Should().ContainKey("traceId");
    }

    [Fact]
    public async Task RotateKey_OldKeyStopsWorking_NewKeyWorks()
    {
        var (storeId, oldKey) = await factory.CreateStore();

        var (response, body) = await factory.ChannelClient(oldKey).PostJson($"/api/channel/v1/stores/{storeId}/rotate-key", new { });

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        body.Select(p => p.Key).Should().Equal("StoreKey");
        (await factory.ChannelClient(oldKey).GetAsync($"/api/channel/v1/stores/{storeId}")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await factory.ChannelClient(body["StoreKey"]!.GetValue<string>()).GetAsync($"/api/channel/v1/stores/{storeId}")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Disable_MakesTheStoreInactive_AndItsKeyUnusable()
    {
        var (storeId, key) = await factory.CreateStore();

        var (response, body) = await _operator.PostJson($"/api/channel/v1/stores/{storeId}/disable", new { });

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        body["IsActive"]!.GetValue<bool>().Should().BeFalse();
        (await factory.ChannelClient(key).GetAsync($"/api/channel/v1/stores/{storeId}")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task ReplaceTags_InvalidSet_Is400AndChangesNothing()
    {
        var (storeId, key) = await factory.CreateStore();
        var store = factory.ChannelClient(key);
        await store.PutAsJsonAsync($"/api/channel/v1/stores/{storeId}/shipping-tags", new { ShippingTags = new[] { new { Tag = "keep", FriendlyName = "Keep", Site = "" } } });

        var response = await store.PutAsJsonAsync($"/api/channel/v1/stores/{storeId}/shipping-tags", new
        {
            ShippingTags = new[] { new { Tag = new string('t', 65), FriendlyName = "Too long", Site = "" }, new { Tag = "ok", FriendlyName = "", Site = "" } },
        });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var problem = await ApiClientExtensions.ReadObject(response);
        problem["detail"]!.GetValue<string>().Should().Contain("longer than 64").And.Contain("FriendlyName is required");
        var current = await store.GetFromJsonAsync<JsonObject>($"/api/channel/v1/stores/{storeId}");
        current!["ShippingTags"]!.AsArray().Should().ContainSingle(t => t!["Tag"]!.GetValue<string>() == "keep");
    }

    [Fact]
    public async Task ReplaceTags_MissingArray_Is400()
    {
        var (storeId, key) = await factory.CreateStore();

        var response = await factory.ChannelClient(key).PutAsJsonAsync($"/api/channel/v1/stores/{storeId}/payment-tags", new { });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Manifest_ListsEveryConfigEndpointAsAFullUrl()
    {
        var manifest = await factory.Client().GetFromJsonAsync<JsonObject>("/api/manifest");

        manifest!["type"]!.GetValue<string>().Should().Be("ChannelIntegration");
        var parameters = manifest["parameters"]!.AsArray().ToDictionary(p => p!["name"]!.GetValue<string>(), p => p!["value"]!.GetValue<string>());
        parameters["ChannelName"].Should().Be("CHANNELBRIDGE");
        parameters.Should().Contain(new Dictionary<string, string>
        {
            ["AddNewUserEndpoint"] = "https://bridge.example.com/api/Config/AddNewUser",
            ["UserConfigEndpoint"] = "https://bridge.example.com/api/Config/UserConfig",
            ["SaveConfigEndpoint"] = "https://bridge.example.com/api/Config/SaveConfig",
            ["ConfigTestEndpoint"] = "https://bridge.example.com/api/Config/ConfigTest",
            ["ConfigDeletedEndpoint"] = "https://bridge.example.com/api/Config/ConfigDeleted",
            ["ShippingTagsEndpoint"] = "https://bridge.example.com/api/Config/ShippingTags",
            ["PaymentTagsEndpoint"] = "https://bridge.example.com/api/Config/PaymentTags",
        });
    }

    [Fact]
    public async Task Manifest_IsNeverCached_ItsUrlsCanBeTheRequestsOwnHost()
    {
        var response = await factory.Client().GetAsync("/api/manifest");

        response.Headers.CacheControl!.NoStore.Should().BeTrue("without Manifest:PublicBaseUrl the URLs are the caller's Host, which a cache must not hand on");
    }

    [Fact]
    public async Task Health_And_OpenApi_AreServed()
    {
        var client = factory.Client();

        (await client.GetStringAsync("/health")).Should().Be("Healthy");
        var openApi = await client.GetStringAsync("/swagger/v1/swagger.json");
        openApi.Should().Contain("/api/Config/SaveConfig").And.Contain("/api/channel/v1/stores/{storeId}/rotate-key");
        openApi.Should().NotContain(ApiFactory.OperatorKey);
        (await client.GetAsync("/swagger/index.html")).StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
