using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using ChannelBridge.Api.FunctionalTests.Features.Orders;
using Microsoft.Data.Sqlite;

namespace ChannelBridge.Api.FunctionalTests.CrossCutting.Contract;

/// <summary>
/// Another writer holds the SQLite database (BEGIN IMMEDIATE from a second connection) for longer than the
/// deadline while Linnworks calls arrive, with the default 8 s deadline: every call answers within 9 s,
/// HTTP 200, every item that needs the lock answered with "retry" (reads and a new download run are served); nothing
/// is half-applied; once the lock goes, the retry lands.
/// </summary>
public class LockedDatabaseTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private static readonly TimeSpan Lock = TimeSpan.FromSeconds(11);
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(9);

    [Fact]
    public async Task WithTheDatabaseLockedPastTheDeadline_EveryCallAnswersInTime_AndNothingIsHalfApplied()
    {
        var (token, storeId, store) = await factory.IntegrateWithAnOrderAndAListing("LOCK-1", "LK-1", 1m);
        var linnworks = factory.Client();
        var despatch = new { AuthorizationToken = token, Orders = new[] { new { ReferenceNumber = "LOCK-1", TrackingNumber = "T1" }, new { ReferenceNumber = "LOCK-2", TrackingNumber = "T2" } } };
        var inventory = new { AuthorizationToken = token, Products = new[] { new { SKU = "LK-1", Quantity = 9 }, new { SKU = "LK-2", Quantity = 1 } } };

        using (var holder = new SqliteConnection($"Data Source={factory.DatabasePath}"))
        {
            holder.Open();
            using var tx = holder.BeginTransaction(deferred: false);   // BEGIN IMMEDIATE: the write lock
            var started = Stopwatch.StartNew();

            var health = Timed(() => linnworks.GetAsync("/health"));
            var calls = new[]
            {
                Timed(() => linnworks.PostAsJsonAsync("/api/Order/Despatch", despatch)),
                Timed(() => linnworks.PostAsJsonAsync("/api/Product/InventoryUpdate", inventory)),
                Timed(() => linnworks.PostAsJsonAsync("/api/Product/PriceUpdate", new { AuthorizationToken = token, Products = new[] { new { SKU = "LK-1", Price = 2m } } })),
                Timed(() => linnworks.PostAsJsonAsync("/api/Order/Orders", new { AuthorizationToken = token, UTCTimeFrom = "2026-01-01 00:00:00Z", PageNumber = 1 })),
                Timed(() => linnworks.PostAsJsonAsync("/api/Config/SaveConfig", new { AuthorizationToken = token, StepName = "UserConfig", ConfigItems = new[] { new { ConfigItemId = "DefaultCurrency", SelectedValue = "EUR" } } })),
                Timed(() => linnworks.PostAsJsonAsync("/api/Config/ConfigTest", new { AuthorizationToken = token })),
            };
            var answers = await Task.WhenAll(calls);
            var (healthAnswer, healthTime) = await health;

            started.Elapsed.Should().BeLessThan(Lock, "the lock must still be held when every answer is in, or this proves nothing");
            healthTime.Should().BeLessThan(TimeSpan.FromSeconds(3));
            (await healthAnswer.Content.ReadAsStringAsync()).Should().Be("Degraded");
            foreach (var (response, elapsed) in answers)
            {
                elapsed.Should().BeLessThan(Limit, response.RequestMessage!.RequestUri!.AbsolutePath);
                response.StatusCode.Should().Be(HttpStatusCode.OK);
                response.Content.Headers.ContentLength.Should().BeGreaterThan(0);
            }

            var despatched = await ApiClientExtensions.ReadObject(answers[0].Response);
            // LOCK-1 needs the write lock: retry. LOCK-2 is unknown, which a read (not blocked under WAL) can tell: its own Error.
            despatched["Orders"]!.AsArray().Select(o => (o!["ReferenceNumber"]!.GetValue<string>(), o["Retry"]!.GetValue<bool>())).Should().Equal(("LOCK-1", true), ("LOCK-2", false));
            despatched["Orders"]![1]!["Error"]!.GetValue<string>().Should().Be("Order LOCK-2 was not found.");
            var stocked = await ApiClientExtensions.ReadObject(answers[1].Response);
            stocked["Products"]!.AsArray().Select(p => p!["SKU"]!.GetValue<string>()).Should().Equal("LK-1", "LK-2");
            stocked["Products"]!.AsArray().Should().OnlyContain(p => p!["Error"]!.GetValue<string>().Contains("retry", StringComparison.OrdinalIgnoreCase));
            var firstPage = await ApiClientExtensions.ReadObject(answers[3].Response);
            firstPage["Error"].Should().BeNull("a new download run writes its paging state to a file of its own (ADR-021), not behind the lock");
            firstPage["Orders"]!.AsArray().Select(o => o!["ReferenceNumber"]!.GetValue<string>()).Should().Equal("LOCK-1");
            (await ApiClientExtensions.ReadObject(answers[5].Response))["Error"].Should().BeNull("ConfigTest only reads, and reads go on under WAL");

            while (started.Elapsed < Lock)
            {
                await Task.Delay(100);
            }

            tx.Rollback();
        }

        (await store.GetFromJsonAsync<JsonObject>($"/api/channel/v1/stores/{storeId}/updates"))!["Updates"]!.AsArray().Should().BeEmpty("nothing was half-applied");
        var retried = (await linnworks.PostJson("/api/Order/Despatch", despatch)).Body["Orders"]!.AsArray();
        retried[0]!["Error"].Should().BeNull();
        retried[0]!["Retry"]!.GetValue<bool>().Should().BeFalse();
        (await linnworks.PostJson("/api/Product/InventoryUpdate", inventory)).Body["Products"]![0]!["Error"].Should().BeNull();
        (await store.GetFromJsonAsync<JsonObject>($"/api/channel/v1/stores/{storeId}/updates"))!["Updates"]!.AsArray().Should().HaveCount(2);
    }

    private static async Task<(HttpResponseMessage Response, TimeSpan Elapsed)> Timed(Func<Task<HttpResponseMessage>> call)
    {
        await Task.Yield();
        var clock = Stopwatch.StartNew();
        var response = await call();
        return (response, clock.Elapsed);
    }
}

/// <summary>
/// Reads do not write: the pages of a download run under way, and the first page of a new one, are served while another
/// writer holds the database.
/// </summary>
public class ReadsDoNotWriteTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task PagesOfARunUnderWay_AreServed_WhileTheDatabaseIsLockedForWriting()
    {
        var (token, storeId, key) = await factory.Integrate();
        var store = factory.ChannelClient(key);
        await store.Push(storeId, [.. Enumerable.Range(1, 150).Select(i => OrderBuilder.Order($"RD-{i:D3}"))]);
        await store.PostJson($"/api/channel/v1/stores/{storeId}/products", new { Products = Enumerable.Range(1, 150).Select(i => new { SKU = $"P-{i:D3}", Title = "Mug", Quantity = 1 }) });
        var linnworks = factory.Client();
        var orders = (int page) => linnworks.PostJson("/api/Order/Orders", new { AuthorizationToken = token, UTCTimeFrom = "2026-01-01 00:00:00Z", PageNumber = page });
        var products = (int page) => linnworks.PostJson("/api/Product/Products", new { AuthorizationToken = token, PageNumber = page });
        (await orders(1)).Body["Orders"]!.AsArray().Should().HaveCount(100);
        (await products(1)).Body["Products"]!.AsArray().Should().HaveCount(100);

        using var holder = new SqliteConnection($"Data Source={factory.DatabasePath}");
        holder.Open();
        using var tx = holder.BeginTransaction(deferred: false);
        var clock = Stopwatch.StartNew();
        var ordersPage2 = (await orders(2)).Body;
        var productsPage2 = (await products(2)).Body;
        var elapsed = clock.Elapsed;
        clock.Restart();
        var newRun = (await linnworks.PostJson("/api/Order/Orders", new { AuthorizationToken = token, UTCTimeFrom = "2026-01-02 00:00:00Z", PageNumber = 1 })).Body;
        var newRunElapsed = clock.Elapsed;
        tx.Rollback();

        elapsed.Should().BeLessThan(TimeSpan.FromSeconds(1), "no page of a run under way waits for the writer");
        newRunElapsed.Should().BeLessThan(TimeSpan.FromSeconds(1), "a new run writes its session to the paging file (ADR-021), not behind the database's writer");
        newRun["Error"].Should().BeNull();
        newRun["Orders"]!.AsArray().Should().HaveCount(100);
        ordersPage2["Error"].Should().BeNull();
        ordersPage2["Orders"]!.AsArray().Should().HaveCount(50);
        productsPage2["Error"].Should().BeNull();
        productsPage2["Products"]!.AsArray().Should().HaveCount(50);
    }
}
