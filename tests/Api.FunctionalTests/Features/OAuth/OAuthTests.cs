using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using ChannelBridge.Api.Controllers;

namespace ChannelBridge.Api.FunctionalTests.Features.OAuth;

public sealed class OAuthApiFactory : MovableClockApiFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["OAuth:Enabled"] = "true",
        ["OAuth:Scopes"] = "orders listings",
        ["OAuth:TokenLifetime"] = "01:00:00",
    };
}

public class OAuthTests(OAuthApiFactory factory) : IClassFixture<OAuthApiFactory>
{
    private readonly HttpClient _client = factory.Client();

    [Fact]
    public async Task Token_ForValidClientCredentials_IsABearerWithANumericExpiry()
    {
        var (storeId, storeKey) = await factory.CreateStore();

        var (response, body) = await Token(("grant_type", "client_credentials"), ("client_id", storeId), ("client_secret", storeKey), ("scope", "orders"));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.CacheControl!.NoStore.Should().BeTrue();
        body.Select(p => p.Key).Should().Equal("access_token", "token_type", "expires_in", "scope");
        body["token_type"]!.GetValue<string>().Should().Be("bearer");
        body["expires_in"]!.GetValue<long>().Should().Be(3600);
        body["scope"]!.GetValue<string>().Should().Be("orders");
        body["access_token"]!.GetValue<string>().Should().StartWith("at_");
    }

    [Theory]
    [InlineData("", "client_id", "secret", "", HttpStatusCode.BadRequest, "invalid_request")]
    [InlineData("password", "client_id", "secret", "", HttpStatusCode.BadRequest, "unsupported_grant_type")]
    [InlineData("client_credentials", "", "", "", HttpStatusCode.BadRequest, "invalid_request")]
    [InlineData("client_credentials", "client_id", "wrong", "", HttpStatusCode.Unauthorized, "invalid_client")]
    [InlineData("client_credentials", "nope", "secret", "", HttpStatusCode.Unauthorized, "invalid_client")]
    [InlineData("client_credentials", "client_id", "secret", "orders admin", HttpStatusCode.BadRequest, "invalid_scope")]
    public async Task Token_Errors_FollowRfc6749(string grant, string clientId, string secret, string scope, HttpStatusCode status, string error)
    {
        var (storeId, storeKey) = await factory.CreateStore();

        var (response, body) = await Token(
            ("grant_type", grant), ("client_id", clientId == "client_id" ? storeId : clientId), ("client_secret", secret == "secret" ? storeKey : secret), ("scope", scope));

        response.StatusCode.Should().Be(status);
        body["error"]!.GetValue<string>().Should().Be(error);
        body["error_description"]!.GetValue<string>().Should().NotBeNullOrEmpty();
        body.ToJsonString().Should().NotContain(storeKey);
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("text/plain")]
    [InlineData(null)]
    public async Task Token_NotSentAsAForm_IsAnInvalidRequest_InTheEndpointsOwnShape(string? contentType)
    {
        var (storeId, storeKey) = await factory.CreateStore();
        using var content = new StringContent($"{{\"grant_type\":\"client_credentials\",\"client_id\":\"{storeId}\",\"client_secret\":\"{storeKey}\"}}");
        content.Headers.ContentType = contentType is null ? null : new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);

        using var response = await factory.CreateClient().PostAsync("/oauth/token", content);
        var body = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        response.Headers.CacheControl!.NoStore.Should().BeTrue();
        body["error"]!.GetValue<string>().Should().Be("invalid_request");
        body["error_description"]!.GetValue<string>().Should().Contain("application/x-www-form-urlencoded").And.Contain(contentType ?? "without a Content-Type");
        body["access_token"].Should().BeNull();
    }

    [Fact]
    public async Task Token_ARequestPastItsSizeLimit_IsInvalidRequest_AndIssuesNothing()
    {
        var (storeId, storeKey) = await factory.CreateStore();

        var (response, body) = await Token(
            ("grant_type", "client_credentials"), ("client_id", storeId), ("client_secret", storeKey), ("scope", new string(' ', (int)OAuthController.MaxTokenRequestBytes)));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        body["error"]!.GetValue<string>().Should().Be("invalid_request");
        body["error_description"]!.GetValue<string>().Should().Contain("too large");
        body["access_token"].Should().BeNull();
    }

    [Fact]
    public async Task AddNewUser_WithABearer_LinksTheStoreAndSkipsConnectStore_ThenTheBearerIsChecked()
    {
        var (storeId, storeKey) = await factory.CreateStore();
        var bearer = await AccessToken(storeId, storeKey);

        var linnworks = WithBearer(bearer);
        var token = await linnworks.AddNewUser();
        var (_, step) = await linnworks.PostJson("/api/Config/UserConfig", new { AuthorizationToken = token });
        step["StepName"]!.GetValue<string>().Should().Be("OrderSettings");
        (await linnworks.SaveConfig(token, "OrderSettings")).Body["StepName"]!.GetValue<string>().Should().Be("UserConfig");
        (await linnworks.PostJson("/api/Config/ConfigTest", new { AuthorizationToken = token })).Body["Error"].Should().BeNull();
        (await linnworks.SaveConfig(token, "UserConfig", ("ImportUnpaidOrders", "false"))).Body["Error"].Should().BeNull("an OAuth integration has no StoreKey to re-enter");

        // Without a bearer (not required here) the call still works; with a wrong or another store's bearer it does not.
        (await _client.PostJson("/api/Config/ConfigTest", new { AuthorizationToken = token })).Body["Error"].Should().BeNull();
        (await WithBearer("at_forged").PostJson("/api/Config/ConfigTest", new { AuthorizationToken = token })).Body["Error"]!.GetValue<string>()
            .Should().Be("Invalid or expired OAuth bearer token");
        var (otherStore, otherKey) = await factory.CreateStore();
        var otherBearer = await AccessToken(otherStore, otherKey);
        (await WithBearer(otherBearer).PostJson("/api/Config/ShippingTags", new { AuthorizationToken = token })).Body["Error"]!.GetValue<string>()
            .Should().Be("Invalid or expired OAuth bearer token");
    }

    [Fact]
    public async Task AddNewUser_WithTheBearerOfAStoreAtItsLimitOfLinkedIntegrations_IsRefused_AndMakesNothing()
    {
        var (storeId, storeKey) = await factory.CreateStore();
        var bearer = await AccessToken(storeId, storeKey);
        using var limited = factory.WithWebHostBuilder(b => b.UseSetting("Integrations:MaxLinkedPerStore", "1"));
        var linnworks = limited.CreateClient();
        linnworks.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        object NewUser() => new { LinnworksUniqueIdentifier = Guid.NewGuid(), Email = "a@example.com", AccountName = "A" };

        var first = (await linnworks.PostJson("/api/Config/AddNewUser", NewUser())).Body;
        var second = (await linnworks.PostJson("/api/Config/AddNewUser", NewUser())).Body;

        first["Error"].Should().BeNull();
        second["Error"]!.GetValue<string>().Should().Contain("limit of 1 Linnworks integrations linked (Integrations:MaxLinkedPerStore)");
        second["AuthorizationToken"]?.GetValue<string>().Should().BeNullOrEmpty("nothing was made");
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={factory.DatabasePath};Pooling=False");
        connection.Open();
        using var count = connection.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM UserConfigs WHERE StoreId = $store";
        count.Parameters.AddWithValue("$store", storeId);
        ((long)count.ExecuteScalar()!).Should().Be(1);
    }

    [Fact]
    public async Task Bearer_ExpiresAfterItsLifetime()
    {
        var (storeId, storeKey) = await factory.CreateStore();
        var bearer = await AccessToken(storeId, storeKey);
        var linnworks = WithBearer(bearer);
        var token = await linnworks.AddNewUser();

        factory.Clock.MoveOn(TimeSpan.FromMinutes(59));
        (await linnworks.PostJson("/api/Config/UserConfig", new { AuthorizationToken = token })).Body["Error"].Should().BeNull("the bearer lives an hour");

        factory.Clock.MoveOn(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        (await linnworks.PostJson("/api/Config/UserConfig", new { AuthorizationToken = token })).Body["Error"]!.GetValue<string>()
            .Should().Be("Invalid or expired OAuth bearer token");
    }

    [Fact]
    public async Task RotatingTheKeyOrDisablingTheStore_RevokesItsTokens()
    {
        var (storeId, storeKey) = await factory.CreateStore();
        var rotatedBearer = await AccessToken(storeId, storeKey);
        var linnworks = WithBearer(rotatedBearer);
        var token = await linnworks.AddNewUser();

        await factory.ChannelClient(ApiFactory.OperatorKey).PostJson($"/api/channel/v1/stores/{storeId}/rotate-key", new { });

        (await linnworks.PostJson("/api/Config/UserConfig", new { AuthorizationToken = token })).Body["Error"]!.GetValue<string>()
            .Should().Be("Invalid or expired OAuth bearer token");
    }

    [Fact]
    public async Task Manifest_ListsTheOAuthEndpointAndScopes()
    {
        var manifest = await _client.GetFromJsonAsync<JsonObject>("/api/manifest");
        var parameters = manifest!["parameters"]!.AsArray().ToDictionary(p => p!["name"]!.GetValue<string>(), p => p!["value"]!.GetValue<string>());

        parameters["OAuthAuthorizationEndpoint"].Should().Be("https://bridge.example.com/oauth/token");
        parameters["OAuthScopesRequested"].Should().Be("orders listings");
    }

    private HttpClient WithBearer(string bearer)
    {
        var client = factory.Client();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        return client;
    }

    [Fact]
    public async Task Token_TakesTheClientCredentialsAsHttpBasic_AsItsChallengeSays()
    {
        var (storeId, storeKey) = await factory.CreateStore();

        var (refused, _) = await Token(Basic(storeId, storeKey + "x"), ("grant_type", "client_credentials"));
        refused.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        refused.Headers.WwwAuthenticate.Should().ContainSingle(h => h.Scheme == "Basic");

        var (response, body) = await Token(Basic(storeId, storeKey), ("grant_type", "client_credentials"), ("scope", "orders"));
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        body["access_token"]!.GetValue<string>().Should().StartWith("at_");

        (await Token(Basic(storeId, storeKey), ("grant_type", "client_credentials"), ("client_id", storeId))).Response.StatusCode
            .Should().Be(HttpStatusCode.OK, "the form may name the same client (RFC 6749 §3.2.1)");
        (await Token(new AuthenticationHeaderValue("Bearer", "at_expired"), ("grant_type", "client_credentials"), ("client_id", storeId), ("client_secret", storeKey)))
            .Response.StatusCode.Should().Be(HttpStatusCode.OK, "a bearer sent along is not a credential of this endpoint");
    }

    [Theory]
    [InlineData("not base64!", null)]
    [InlineData("bm8tY29sb24", null)]          // "no-colon"
    [InlineData(null, "client_secret")]        // the secret in both places
    [InlineData(null, "client_id")]            // another client named in the form
    public async Task Token_WithBasicCredentialsUnreadableOrSentTwice_IsAnInvalidRequest(string? parameter, string? alsoInForm)
    {
        var (storeId, storeKey) = await factory.CreateStore();
        var header = parameter is null ? Basic(storeId, storeKey) : new AuthenticationHeaderValue("Basic", parameter);
        var fields = new List<(string, string)> { ("grant_type", "client_credentials") };
        if (alsoInForm is not null)
        {
            fields.Add((alsoInForm, alsoInForm == "client_id" ? "another-store" : storeKey));
        }

        var (response, body) = await Token(header, [.. fields]);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        body["error"]!.GetValue<string>().Should().Be("invalid_request");
        body["error_description"]!.GetValue<string>().Should().Match(alsoInForm is null ? "*Basic credentials cannot be read*" : "*not both*");
        response.Headers.CacheControl!.NoStore.Should().BeTrue();
    }

    /// <summary>RFC 6749 §2.3.1: each part form-encoded, then Basic.</summary>
    private static AuthenticationHeaderValue Basic(string clientId, string clientSecret) => new("Basic", Convert.ToBase64String(
        System.Text.Encoding.UTF8.GetBytes($"{WebUtility.UrlEncode(clientId)}:{WebUtility.UrlEncode(clientSecret)}")));

    private Task<(HttpResponseMessage Response, JsonObject Body)> Token(params (string Key, string Value)[] fields) => Token(null, fields);

    private async Task<string> AccessToken(string storeId, string storeKey) =>
        (await Token(("grant_type", "client_credentials"), ("client_id", storeId), ("client_secret", storeKey))).Body["access_token"]!.GetValue<string>();

    private async Task<(HttpResponseMessage Response, JsonObject Body)> Token(AuthenticationHeaderValue? authorization, params (string Key, string Value)[] fields)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/oauth/token")
        {
            Content = new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value))),
        };
        request.Headers.Authorization = authorization;
        var response = await _client.SendAsync(request);
        return (response, await ApiClientExtensions.ReadObject(response));
    }
}

public sealed class RequiredBearerApiFactory : ApiFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["OAuth:Enabled"] = "true", ["OAuth:RequireBearer"] = "true" };
}

public class RequiredBearerTests(RequiredBearerApiFactory factory) : IClassFixture<RequiredBearerApiFactory>
{
    [Fact]
    public async Task EveryLinnworksRoute_WithoutABearer_IsAnError()
    {
        var (response, body) = await factory.Client().PostJson("/api/Config/AddNewUser", new { LinnworksUniqueIdentifier = Guid.NewGuid(), Email = "a@b.com", AccountName = "A" });

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        body["Error"]!.GetValue<string>().Should().StartWith("This channel requires an OAuth bearer token");
        body["AuthorizationToken"].Should().BeNull();
    }
}
