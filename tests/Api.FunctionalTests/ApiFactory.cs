using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace ChannelBridge.Api.FunctionalTests;

/// <summary>
/// The real service on Kestrel (loopback, random port) over a fresh SQLite file, so framing
/// (Content-Length, no chunking) is what a real client sees.
/// </summary>
public class ApiFactory : WebApplicationFactory<Program>
{
    public const string OperatorKey = "functional-tests-operator-key-0123456789abcdef";
    public const string KeyRingKey = "functional-tests-key-ring-key-0123456789abcdef";

    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"channelbridge-ft-{Guid.NewGuid():N}");

    public ApiFactory()
    {
        Directory.CreateDirectory(_directory);
        UseKestrel(0);
    }

    public string DatabasePath => Path.Combine(_directory, "channelbridge.db");

    /// <summary>
    /// An operator's hand edit of a store's feed entries in the database (a redaction by SQL, a bad restore):
    /// <c>UPDATE StoreUpdates SET {set}</c> on the store's entries, or on its first only. Returns the rows changed.
    /// </summary>
    public int EditFeedByHand(string storeId, string set, bool firstOnly = false)
    {
        using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        connection.Open();
        using var edit = connection.CreateCommand();
        edit.CommandText = firstOnly
            ? $"UPDATE StoreUpdates SET {set} WHERE Id = (SELECT MIN(Id) FROM StoreUpdates WHERE StoreId = $store)"
            : $"UPDATE StoreUpdates SET {set} WHERE StoreId = $store";
        edit.Parameters.AddWithValue("$store", storeId);
        return edit.ExecuteNonQuery();
    }

    /// <summary>Extra settings a derived factory needs (applied last).</summary>
    protected virtual IDictionary<string, string?> Settings => new Dictionary<string, string?>();

    /// <summary>Services a derived factory puts in place of the service's own (registered after them).</summary>
    protected virtual void ReplaceServices(IServiceCollection services)
    {
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:ChannelBridge", $"Data Source={DatabasePath}");
        builder.UseSetting("ChannelApi:OperatorKey", OperatorKey);
        builder.UseSetting("DataProtection:KeyRingKey", KeyRingKey);
        builder.UseSetting("Manifest:PublicBaseUrl", "https://bridge.example.com");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(ReplaceServices);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    public HttpClient Client()
    {
        StartServer();
        return CreateClient();
    }

    public HttpClient ChannelClient(string key)
    {
        var client = Client();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }
}

/// <summary>Helpers that act as Linnworks and as the channel operator would.</summary>
public static class ApiClientExtensions
{
    public static async Task<(HttpResponseMessage Response, JsonObject Body)> PostJson(this HttpClient client, string path, object body)
    {
        var response = await client.PostAsJsonAsync(path, body);
        return (response, await ReadObject(response));
    }

    public static async Task<(HttpResponseMessage Response, JsonObject Body)> PutJson(this HttpClient client, string path, object body)
    {
        var response = await client.PutAsJsonAsync(path, body);
        return (response, await ReadObject(response));
    }

    public static async Task<(HttpResponseMessage Response, JsonObject Body)> PostRaw(this HttpClient client, string path, string json)
    {
        using var content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        var response = await client.PostAsync(path, content);
        return (response, await ReadObject(response));
    }

    public static async Task<JsonObject> ReadObject(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonNode.Parse(text) as JsonObject ?? throw new JsonException($"Not a JSON object: {text}");
    }

    public static async Task<(string StoreId, string StoreKey)> CreateStore(this ApiFactory factory, string name = "Shop")
    {
        var (response, body) = await factory.ChannelClient(ApiFactory.OperatorKey).PostJson("/api/channel/v1/stores", new { Name = name });
        response.StatusCode.Should().Be(System.Net.HttpStatusCode.Created);
        return (body["StoreId"]!.GetValue<string>(), body["StoreKey"]!.GetValue<string>());
    }

    public static async Task<string> AddNewUser(this HttpClient client, string account = "My account")
    {
        var (_, body) = await client.PostJson("/api/Config/AddNewUser", new
        {
            LinnworksUniqueIdentifier = Guid.NewGuid().ToString(),   // a seller's own account, as Linnworks sends it
            Email = "seller@example.com",
            AccountName = account,
        });
        body["Error"].Should().BeNull();
        return body["AuthorizationToken"]!.GetValue<string>();
    }

    public static Task<(HttpResponseMessage Response, JsonObject Body)> SaveConfig(this HttpClient client, string token, string step, params (string Id, string Value)[] values) =>
        client.PostJson("/api/Config/SaveConfig", new
        {
            AuthorizationToken = token,
            StepName = step,
            ConfigItems = values.Select(v => new { ConfigItemId = v.Id, SelectedValue = v.Value }).ToArray(),
        });

    /// <summary>AddNewUser, then ConnectStore and OrderSettings: an integration on the config screen.</summary>
    public static async Task<(string Token, string StoreId, string StoreKey)> Integrate(this ApiFactory factory)
    {
        var (storeId, storeKey) = await factory.CreateStore();
        var client = factory.Client();
        var token = await client.AddNewUser();
        (await client.SaveConfig(token, "ConnectStore", ("StoreId", storeId), ("StoreKey", storeKey))).Body["Error"].Should().BeNull();
        (await client.SaveConfig(token, "OrderSettings")).Body["StepName"]!.GetValue<string>().Should().Be("UserConfig");
        return (token, storeId, storeKey);
    }
}
