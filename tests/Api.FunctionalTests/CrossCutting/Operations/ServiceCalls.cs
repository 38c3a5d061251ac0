using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChannelBridge.Api.FunctionalTests.CrossCutting.Operations;

/// <summary>Calls a <see cref="ServiceProcess"/> the tests make while setting up: JSON in and out, each expected to succeed.</summary>
internal static class ServiceCalls
{
    /// <summary>A new store and a Linnworks integration linked to it through the wizard.</summary>
    public static async Task<(string StoreId, string StoreKey, string Token)> LinkedStoreAsync(HttpClient client, string operatorKey, string name)
    {
        var store = await SendAsync(client, HttpMethod.Post, "/api/channel/v1/stores", operatorKey, new { Name = name });
        var storeId = store["StoreId"]!.GetValue<string>();
        var storeKey = store["StoreKey"]!.GetValue<string>();
        var token = (await SendAsync(client, HttpMethod.Post, "/api/Config/AddNewUser", null, new { LinnworksUniqueIdentifier = Guid.NewGuid().ToString(), Email = "s@example.com", AccountName = name }))["AuthorizationToken"]!.GetValue<string>();
        await SendAsync(client, HttpMethod.Post, "/api/Config/SaveConfig", null, new { AuthorizationToken = token, StepName = "ConnectStore", ConfigItems = new[] { new { ConfigItemId = "StoreId", SelectedValue = storeId }, new { ConfigItemId = "StoreKey", SelectedValue = storeKey } } });
        await SendAsync(client, HttpMethod.Post, "/api/Config/SaveConfig", null, new { AuthorizationToken = token, StepName = "OrderSettings", ConfigItems = Array.Empty<object>() });
        return (storeId, storeKey, token);
    }

    /// <summary>One call with <paramref name="body"/> as JSON (and the key as a bearer token when given); its answer, which must be a success.</summary>
    public static async Task<JsonObject> SendAsync(HttpClient client, HttpMethod method, string path, string? key, object body)
    {
        using var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.Should().BeTrue(text);
        return JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>One of the simulator's orders under the reference given.</summary>
    public static JsonNode WithReference(object order, string reference)
    {
        var node = JsonSerializer.SerializeToNode(order)!;
        node["ReferenceNumber"] = reference;
        return node;
    }
}
