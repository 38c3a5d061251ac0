using System.Net;
using System.Text.Json.Nodes;
using static ChannelBridge.Api.FunctionalTests.Orders.OrderBuilder;

namespace ChannelBridge.Api.FunctionalTests.Webhooks;

public sealed class FastWebhookApiFactory : ApiFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Webhooks:PollInterval"] = "00:00:00.050",
        ["Webhooks:MaxBackoff"] = "00:00:00.500",
        ["Webhooks:AllowPrivateNetworks"] = "true",   // the receivers listen on loopback
        ["Webhooks:AllowHttp"] = "true",
    };
}

public class WebhookTests(FastWebhookApiFactory factory) : IClassFixture<FastWebhookApiFactory>
{
    private const string Secret = "whsec-0123456789abcdef-functional";

    [Fact]
    public async Task Updates_ArePushedSigned_InOrder_AndNothingIsLostWhileTheReceiverIsDown()
    {
        await using var receiver = await WebhookReceiver.StartAsync(Secret);
        var (token, storeId, key) = await factory.Integrate();
        var store = factory.ChannelClient(key);
        await store.Push(storeId, [.. Enumerable.Range(1, 6).Select(i => Order($"W-{i}"))]);
        var (response, configured) = await store.PutJson($"/api/channel/v1/stores/{storeId}/webhook", new { Url = receiver.Url, Secret });
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        configured.Should().NotContainKey("Secret");

        await Despatch(token, "W-1", "W-2", "W-3");
        await Eventually(() => receiver.AcceptedIds().Count == 3);

        receiver.Down = true;
        await Despatch(token, "W-4", "W-5");
        JsonObject? state = null;
        await Eventually(() =>
        {
            state = store.GetFromJsonAsync<JsonObject>($"/api/channel/v1/stores/{storeId}/webhook").GetAwaiter().GetResult();
            return state!["Attempts"]!.GetValue<int>() >= 2;
        });
        state!["LastError"]!.GetValue<string>().Should().Contain("503");
        receiver.AcceptedIds().Should().HaveCount(3, "nothing is accepted while the receiver is down");

        receiver.Down = false;
        await Despatch(token, "W-6");
        await Eventually(() => receiver.AcceptedIds().Count == 6);

        var feed = (await store.GetFromJsonAsync<JsonObject>($"/api/channel/v1/stores/{storeId}/updates?limit=100"))!["Updates"]!.AsArray();
        receiver.AcceptedIds().Should().Equal(feed.Select(u => $"{storeId}:{u!["Cursor"]}"), "each update once, in feed order");
        receiver.Received.Should().OnlyContain(r => r.SignatureValid);
        receiver.Received.Where(r => r.Accepted).Select(r => r.Event).Should().OnlyContain(e => e == "Despatch");
        (await store.GetFromJsonAsync<JsonObject>($"/api/channel/v1/stores/{storeId}/webhook"))!["Attempts"]!.GetValue<int>().Should().Be(0);
    }

    [Fact]
    public async Task Webhook_ValidationAndRemoval()
    {
        var (storeId, key) = await factory.CreateStore();
        var store = factory.ChannelClient(key);

        (await store.PutJson($"/api/channel/v1/stores/{storeId}/webhook", new { Url = "ftp://example.com", Secret })).Response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await store.PutJson($"/api/channel/v1/stores/{storeId}/webhook", new { Url = "https://93.184.215.14/hook", Secret = "short" })).Response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await store.GetAsync($"/api/channel/v1/stores/{storeId}/webhook")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await store.PutJson($"/api/channel/v1/stores/{storeId}/webhook", new { Url = "https://93.184.215.14/hook", Secret })).Response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await store.DeleteAsync($"/api/channel/v1/stores/{storeId}/webhook")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await store.DeleteAsync($"/api/channel/v1/stores/{storeId}/webhook")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    private async Task Despatch(string token, params string[] references)
    {
        var (_, body) = await factory.Client().PostJson("/api/Order/Despatch", new { AuthorizationToken = token, Orders = references.Select(r => new { ReferenceNumber = r, TrackingNumber = "T-" + r }).ToArray() });
        body["Orders"]!.AsArray().Should().OnlyContain(o => o!["Error"] == null);
    }

    private static async Task Eventually(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!condition())
        {
            DateTime.UtcNow.Should().BeBefore(deadline, "the webhook worker should have delivered by now");
            await Task.Delay(50);
        }
    }
}
