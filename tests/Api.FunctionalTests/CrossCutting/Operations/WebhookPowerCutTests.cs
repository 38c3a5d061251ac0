using ChannelBridge.Api.FunctionalTests.Features.Webhooks;
using ChannelBridge.LinnworksSimulator.Simulation;
using ChannelBridge.Tests;
using Xunit.Abstractions;

namespace ChannelBridge.Api.FunctionalTests.CrossCutting.Operations;

/// <summary>
/// Webhook delivery through power cuts: the real service process is killed (SIGKILL) at random moments while it delivers
/// a store's updates, and started again on the same database. A delivery stores its cursor at most once a second
/// (ADR-007), so a kill may send some updates again; none may be lost, skipped or sent out of order, and a repeat carries
/// the id it had. A killed node holds its lease until it runs out, so the next start may wait for it; a node stopped
/// gracefully saves its cursor and gives its leases back, so the next start goes on at once.
/// </summary>
public class WebhookPowerCutTests(ITestOutputHelper output)
{
    private const string OperatorKey = "webhook-power-cut-tests-operator-key-0123456789";
    private const int Orders = 600;

    [Fact]
    public async Task KilledWhileDelivering_EveryUpdateArrives_InOrder_RepeatsUnderTheSameId()
    {
        var seed = System.Environment.TickCount;
        output.WriteLine($"seed {seed}");
        var random = new Random(seed);
        using var directory = new TemporaryDirectory("channelbridge-wpc");
        await using var receiver = await WebhookReceiver.StartAsync(WebhookReceiver.NewSecret());
        receiver.Delay = TimeSpan.FromMilliseconds(5); // the deliveries take a few seconds, so the kills land among them
        string storeId;
        await using (var service = await ServiceProcess.StartAsync(directory.Path, Environment(directory.Path)))
        {
            storeId = await SetUpAndDespatchAsync(service.Client, receiver);
            await Task.Delay(random.Next(50, 400));
            await service.KillAsync();
        }

        for (var round = 0; round < 3 && receiver.AcceptedIds().Distinct().Count() < Orders; round++)
        {
            await using var service = await ServiceProcess.StartAsync(directory.Path, Environment(directory.Path));
            await Task.Delay(random.Next(100, 800));
            await service.KillAsync();
        }

        await using (var service = await ServiceProcess.StartAsync(directory.Path, Environment(directory.Path)))
        {
            await Eventually.True(() => receiver.AcceptedIds().Distinct().Count() == Orders, "every update is delivered once the service is up", TimeSpan.FromSeconds(40));
            await service.KillAsync();
        }

        var cursors = receiver.AcceptedIds().Select(id => long.Parse(id[(storeId.Length + 1)..], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        output.WriteLine($"{cursors.Count} deliveries for {Orders} updates");
        receiver.AcceptedIds().Should().OnlyContain(id => id.StartsWith(storeId + ":", StringComparison.Ordinal), "each delivery carries its update's id");
        cursors.Distinct().Should().BeEquivalentTo(Enumerable.Range(1, Orders).Select(i => (long)i), "no update is lost");
        for (var i = 1; i < cursors.Count; i++)
        {
            if (cursors[i] <= cursors[i - 1])
            {
                // A restart sends again from the cursor last stored: a repeat of what came before, never a jump ahead.
                cursors.Take(i).Should().Contain(cursors[i], "a step back is a repeat of a delivered update");
            }
            else
            {
                cursors[i].Should().BeLessThanOrEqualTo(cursors.Take(i).Max() + 1, "no update is skipped");
            }
        }
    }

    [Fact]
    public async Task StoppedGracefully_WhileDelivering_TheNextStartGoesOnAtOnce_WithoutRepeats()
    {
        using var directory = new TemporaryDirectory("channelbridge-wstop");
        await using var receiver = await WebhookReceiver.StartAsync(WebhookReceiver.NewSecret());
        receiver.Delay = TimeSpan.FromMilliseconds(20); // 600 updates take twelve seconds or more: the stop lands among them
        var environment = Environment(directory.Path);
        environment["Webhooks__LeaseDuration"] = "00:10:00"; // a lease left behind would hold the store ten minutes
        string storeId;
        await using (var service = await ServiceProcess.StartAsync(directory.Path, environment))
        {
            storeId = await SetUpAndDespatchAsync(service.Client, receiver);
            await Eventually.True(() => receiver.AcceptedIds().Count >= 20, "deliveries are under way");
            await service.StopAsync();
        }

        var beforeRestart = receiver.AcceptedIds().Count;
        beforeRestart.Should().BeLessThan(Orders, "the stop came while updates were still to deliver");
        await using (var service = await ServiceProcess.StartAsync(directory.Path, environment))
        {
            await Eventually.True(
                () => receiver.AcceptedIds().Distinct().Count() == Orders,
                "a stopped node saves what it delivered and gives its leases back, so the next start goes on without waiting for them",
                TimeSpan.FromSeconds(40));
            await service.KillAsync();
        }

        var ids = receiver.AcceptedIds();
        ids.Should().OnlyContain(id => id.StartsWith(storeId + ":", StringComparison.Ordinal));
        (ids.Count - Orders).Should().BeLessThanOrEqualTo(1, "a graceful stop saves the cursor; only a delivery cut off mid-request may be sent again");
    }

    /// <summary>A store with a linked integration and a webhook to <paramref name="receiver"/>; Linnworks despatches every order.</summary>
    private static async Task<string> SetUpAndDespatchAsync(HttpClient client, WebhookReceiver receiver)
    {
        var (storeId, storeKey, token) = await ServiceCalls.LinkedStoreAsync(client, OperatorKey, "Webhook power cut");
        var received = DateTime.UtcNow.AddHours(-1);
        var references = Enumerable.Range(0, Orders).Select(i => $"W-{i:D4}").ToList();
        await ServiceCalls.SendAsync(client, HttpMethod.Post, $"/api/channel/v1/stores/{storeId}/orders", storeKey, new { Orders = references.Select((r, i) => ServiceCalls.WithReference(IngestRunner.LightOrder(i, received), r)) });
        await ServiceCalls.SendAsync(client, HttpMethod.Put, $"/api/channel/v1/stores/{storeId}/webhook", storeKey, new { Url = receiver.Url, receiver.Secret });
        foreach (var chunk in references.Chunk(200))
        {
            var answer = await ServiceCalls.SendAsync(client, HttpMethod.Post, "/api/Order/Despatch", null, new { AuthorizationToken = token, Orders = chunk.Select(r => new { ReferenceNumber = r, ShippingVendor = "Royal Mail", TrackingNumber = "T-" + r }) });
            answer["Orders"]!.AsArray().Should().OnlyContain(o => o!["Error"] == null);
        }

        return storeId;
    }

    private static Dictionary<string, string> Environment(string directory) => new()
    {
        ["ConnectionStrings__ChannelBridge"] = $"Data Source={Path.Combine(directory, "cb.db")}",
        ["ChannelApi__OperatorKey"] = OperatorKey,
        ["DataProtection__KeyRingKey"] = "webhook-power-cut-tests-key-ring-key-0123456789",
        ["Webhooks__PollInterval"] = "00:00:00.050",

        // A killed node's leases run out after Webhooks:LeaseDuration (15 s by default).
        ["Webhooks__RequestTimeout"] = "00:00:01",
        ["Webhooks__AllowHttp"] = "true",
        ["Webhooks__AllowPrivateNetworks"] = "true",
    };
}
