using System.Net;
using ChannelBridge.Api.FunctionalTests.CrossCutting.Secrets;
using ChannelBridge.Application.Common.Linnworks;
using static ChannelBridge.Api.FunctionalTests.Features.Orders.OrderBuilder;

namespace ChannelBridge.Api.FunctionalTests.CrossCutting.Operations;

/// <summary>
/// Storage that refuses writes without being full (ADR-034): a volume the kernel remounted read-only after disk errors,
/// as the service meets it: a second service on the same files, opened read-only (as root, which these tests may run
/// as, a file's permissions refuse nothing). Writes answer "retry" and say why, Linnworks' downloads go on, the health
/// check turns Degraded and one error line tells the operator.
/// </summary>
public class ReadOnlyStorageTests(ReadOnlyStorageTests.WritableThenReadOnlyFactory factory) : IClassFixture<ReadOnlyStorageTests.WritableThenReadOnlyFactory>
{
    [Fact]
    public async Task OnReadOnlyStorage_WritesAnswerRetry_ReadsGoOn_AndTheOperatorIsTold()
    {
        var (token, storeId, key) = await factory.Integrate();
        var writable = factory.ChannelClient(key);
        (await writable.PostJson($"/api/channel/v1/stores/{storeId}/products", new { Products = Enumerable.Range(0, 300).Select(i => new { SKU = $"RO-{i}", Title = "Mug", Quantity = 1, Price = 9.99m }).ToArray() }))
            .Response.StatusCode.Should().Be(HttpStatusCode.OK);
        var stored = Enumerable.Range(0, 150).Select(i => $"RO-{i}").ToList();
        (await writable.PostAsJsonAsync($"/api/channel/v1/stores/{storeId}/orders", new { Orders = stored.Select(r => Order(r)).ToArray() })).StatusCode.Should().Be(HttpStatusCode.OK);
        // An update due to a webhook (delivered by nobody yet): the read-only service's delivery loop finds it due at once.
        (await writable.PutAsJsonAsync($"/api/channel/v1/stores/{storeId}/webhook", new { Url = "http://127.0.0.1:1/hook" })).StatusCode.Should().Be(HttpStatusCode.OK);
        (await factory.Client().PostJson("/api/Order/Despatch", new { AuthorizationToken = token, Orders = new[] { new { ReferenceNumber = stored[^1], TrackingNumber = "T" } } }))
            .Body["Orders"]![0]!["Error"].Should().BeNull();
        var served = await StorageFullTests.AllReferences(factory.Client(), token);
        served.Should().HaveCount(149, "a despatched order is not downloaded again");
        var errorsBefore = ErrorLines().Count;

        using var readOnly = factory.WithWebHostBuilder(b => b
            .UseSetting("ConnectionStrings:ChannelBridge", $"Data Source={factory.DatabasePath};Mode=ReadOnly")
            .UseSetting("Webhooks:DeliveryEnabled", "true"));
        var linnworks = readOnly.CreateClient();
        var store = readOnly.CreateClient();
        store.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);

        var refused = await store.PostAsJsonAsync($"/api/channel/v1/stores/{storeId}/orders", new { Orders = new[] { Order("RO-new") } });
        refused.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        refused.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(60));
        (await refused.Content.ReadAsStringAsync()).Should().Contain("storage is read-only: nothing was changed");

        (await StorageFullTests.AllReferences(linnworks, token)).Should().BeEquivalentTo(served, "a download records its run in memory when the storage refuses it");
        var despatch = await linnworks.PostJson("/api/Order/Despatch", new
        {
            AuthorizationToken = token,
            Orders = stored.Take(50).Select(r => new { ReferenceNumber = r, TrackingNumber = "T-" + r, ProcessedOn = "0001-01-01T00:00:00" }).ToArray(),
        });
        despatch.Body["Orders"]!.AsArray().Select(o => o!["Retry"]!.GetValue<bool>()).Should().HaveCount(50).And.AllSatisfy(r => r.Should().BeTrue());
        var stock = await linnworks.PostJson("/api/Product/InventoryUpdate", new
        {
            AuthorizationToken = token,
            Products = Enumerable.Range(0, 300).Select(i => new { SKU = $"RO-{i}", Reference = "r", Quantity = 7 }).ToArray(),
        });
        stock.Body["Products"]!.AsArray().Select(p => p!["Error"]?.GetValue<string>()).Should().HaveCount(300).And.AllBe(LinnworksErrors.StorageReadOnly);
        var added = await linnworks.PostJson("/api/Config/AddNewUser", new { LinnworksUniqueIdentifier = Guid.NewGuid().ToString(), Email = "s@example.com", AccountName = "A" });
        added.Body["Error"]!.GetValue<string>().Should().Be(LinnworksErrors.StorageReadOnly);

        factory.Lines.Should().Contain(l => l.Contains("Linnworks AddNewUser for integration", StringComparison.Ordinal) && l.Contains(": storage in ", StringComparison.Ordinal),
            "the call's outcome, logged and counted, names the storage");
        (await (await linnworks.GetAsync("/health/ready")).Content.ReadAsStringAsync()).Should().Be("Degraded");
        ErrorLines().Skip(errorsBefore).Should().ContainSingle("one line a minute tells the operator, however many writes were refused (pages, the webhook loop)")
            .Which.Should().Contain("refused a write for storage that is read-only");
        factory.Lines.Should().NotContain(l => l.Contains("page boundaries could not be written", StringComparison.Ordinal), "the monitor's line says it for every page");
        factory.Lines.Should().NotContain(l => l.Contains("personal data sweep failed", StringComparison.Ordinal), "nor for the sweep's pass at start");
        (await StorageFullTests.AllReferences(factory.Client(), token)).Should().BeEquivalentTo(served, "nothing was written");
    }

    /// <summary>The writable service delivers no webhooks, so the update it records is due when the read-only one starts.</summary>
    public sealed class WritableThenReadOnlyFactory : LogCapturingApiFactory
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
        {
            ["Webhooks:DeliveryEnabled"] = "false",
        };
    }

    private List<string> ErrorLines() => [.. factory.Lines.Where(l => l.StartsWith("Error ", StringComparison.Ordinal))];
}
