using System.Net;
using ChannelBridge.Api.FunctionalTests.CrossCutting.Secrets;
using ChannelBridge.Application.Common.Linnworks;
using static ChannelBridge.Api.FunctionalTests.Features.Orders.OrderBuilder;

namespace ChannelBridge.Api.FunctionalTests.CrossCutting.Operations;

/// <summary>The service over a SQLite database capped at one megabyte, which fills as a full disk would (SQLITE_FULL).</summary>
public sealed class StorageCapApiFactory : LogCapturingApiFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
    {
        ["Database:SqliteMaxSizeMegabytes"] = "1",
    };
}

/// <summary>
/// Storage that is full (a full disk, <c>Database:SqliteMaxSizeMegabytes</c>, SQL Server's full filegroup or log): every
/// write is refused as one that passes once the operator frees space. The Channel API answers 503 with Retry-After, a
/// despatch answers Retry so Linnworks sends it again, stock updates say why per SKU, nothing half-written stays, reads
/// go on, the health check turns Degraded and one error line a minute tells the operator.
/// </summary>
public class StorageFullTests(StorageCapApiFactory factory) : IClassFixture<StorageCapApiFactory>
{
    [Fact]
    public async Task AtTheSizeCap_WritesAnswerRetry_ChangeNothing_AndTheOperatorIsTold()
    {
        var (token, storeId, key) = await factory.Integrate();
        var store = factory.ChannelClient(key);
        var linnworks = factory.Client();
        (await store.PostJson($"/api/channel/v1/stores/{storeId}/products", new { Products = Enumerable.Range(0, 300).Select(i => new { SKU = $"SF-{i}", Title = "Mug", Quantity = 1, Price = 9.99m }).ToArray() }))
            .Response.StatusCode.Should().Be(HttpStatusCode.OK);

        var (refused, stored) = await FillAsync(store, storeId);

        refused.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        refused.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        refused.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(60));
        (await refused.Content.ReadAsStringAsync()).Should().Contain("storage is full: nothing was changed");
        (await AllReferences(linnworks, token)).Should().BeEquivalentTo(stored, "the refused batch left nothing behind, and the pages are still served");

        var despatch = await linnworks.PostJson("/api/Order/Despatch", new
        {
            AuthorizationToken = token,
            Orders = stored.Take(50).Select(r => new { ReferenceNumber = r, TrackingNumber = "T-" + r, ProcessedOn = "0001-01-01T00:00:00" }).ToArray(),
        });
        despatch.Body["Orders"]!.AsArray().Select(o => (o!["Retry"]!.GetValue<bool>(), o["Error"]?.GetValue<string>()))
            .Should().AllBeEquivalentTo((true, "Temporarily unable to record this despatch; please retry."), "Linnworks sends a despatch again only when told to retry");
        var stock = await linnworks.PostJson("/api/Product/InventoryUpdate", new
        {
            AuthorizationToken = token,
            Products = Enumerable.Range(0, 300).Select(i => new { SKU = $"SF-{i}", Reference = "r", Quantity = 7 }).ToArray(),
        });
        stock.Body["Products"]!.AsArray().Select(p => p!["Error"]?.GetValue<string>()).Should().AllBe(LinnworksErrors.StorageFull);

        (await (await linnworks.GetAsync("/health/ready")).Content.ReadAsStringAsync()).Should().Be("Degraded");
        var errors = factory.Lines.Where(l => l.StartsWith("Error ", StringComparison.Ordinal)).ToList();
        errors.Should().ContainSingle("one line a minute tells the operator, however many writes were refused")
            .Which.Should().Contain("refused a write for lack of space");
    }

    /// <summary>Batches of orders, then single orders, until even one order is refused: the database is at its cap.</summary>
    private static async Task<(HttpResponseMessage Refused, List<string> Stored)> FillAsync(HttpClient store, string storeId)
    {
        var stored = new List<string>();
        var size = 50;
        for (var batch = 0; batch < 1_000; batch++)
        {
            var references = Enumerable.Range(0, size).Select(i => $"SF-{batch}-{i}").ToList();
            var response = await store.PostAsJsonAsync($"/api/channel/v1/stores/{storeId}/orders", new { Orders = references.Select(r => Order(r)).ToArray() });
            if (response.IsSuccessStatusCode)
            {
                stored.AddRange(references);
            }
            else if (size == 1)
            {
                return (response, stored);
            }
            else
            {
                size = Math.Max(1, size / 5);
            }
        }

        throw new InvalidOperationException("A database capped at one megabyte took a thousand batches of orders.");
    }

    internal static async Task<List<string>> AllReferences(HttpClient linnworks, string token)
    {
        var references = new List<string>();
        for (var page = 1; ; page++)
        {
            var (_, body) = await linnworks.PostJson("/api/Order/Orders", new { AuthorizationToken = token, UTCTimeFrom = "2020-01-01 00:00:00Z", PageNumber = page });
            body["Error"].Should().BeNull();
            references.AddRange(body["Orders"]!.AsArray().Select(o => o!["ReferenceNumber"]!.GetValue<string>()));
            if (!body["HasMorePages"]!.GetValue<bool>())
            {
                return references;
            }
        }
    }
}

