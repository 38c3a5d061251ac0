using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ChannelBridge.Api.FunctionalTests.Features.Orders;
using ChannelBridge.Application.PersonalData;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace ChannelBridge.Api.FunctionalTests.Features.PersonalData;

/// <summary>The service's clock can be moved on, so retention passes without waiting; the sweep is run by the tests.</summary>
public sealed class PersonalDataFactory : MovableClockApiFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        // The background pass runs once at start (nothing is due then); the tests run every other pass themselves.
        ["Orders:PersonalDataSweepInterval"] = "1.00:00:00",
    };

    /// <summary>
    /// A scrub the log's readers deferred is retried by the next sweep pass (ADR-018); the tests run that retry until
    /// it is done, so the background services' reads on a loaded machine do not decide what the files hold.
    /// </summary>
    public Task<bool> FinishDeferredScrubAsync() => ChannelBridge.Tests.Eventually.Value(
        async () =>
        {
            await using var scope = Services.CreateAsyncScope();
            var pending = scope.ServiceProvider.GetRequiredService<PendingScrub>();
            if (pending.IsPending)
            {
                await scope.ServiceProvider.GetRequiredService<PersonalDataEraser>().ScrubAsync(CancellationToken.None);
            }

            return pending.IsPending;
        },
        pending => !pending,
        "the deferred scrub should succeed once the log's readers let it");

    public async Task<SweepResult> SweepAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PersonalDataEraser>().SweepAsync(CancellationToken.None);
    }
}

/// <summary>
/// Tried as a data-protection reviewer would: after retention, or at once on a buyer's request, no buyer's name, address,
/// email, phone or note text is anywhere in the database's files; Linnworks and the platform keep working throughout.
/// </summary>
public class PersonalDataTests : IClassFixture<PersonalDataFactory>
{
    private readonly PersonalDataFactory _factory;
    private readonly HttpClient _linnworks;

    public PersonalDataTests(PersonalDataFactory factory)
    {
        // The fixture's clock is shared by every test of the class and some move it by months: each test starts from
        // now, so what it sends is not already older than its new integration's first download reaches back.
        factory.Clock.Reset();
        _factory = factory;
        _linnworks = factory.Client();
    }

    [Fact]
    public async Task AfterRetention_FinishedOrdersLoseTheirPersonalData_EverywhereInTheFiles_OpenOnesKeepIt()
    {
        var (token, storeId, key) = await _factory.Integrate();
        var store = _factory.ChannelClient(key);
        var despatched = Buyer("Despatched");
        var cancelled = Buyer("Cancelled");
        var open = Buyer("Open");
        await store.Push(storeId, Order("PD-1", despatched), Order("PD-2", cancelled), Order("PD-3", open));
        (await Despatch(token, "PD-1"))["Orders"]![0]!["Error"].Should().BeNull();
        (await _linnworks.PostJson("/api/Order/Cancel", new { AuthorizationToken = token, Cancellation = new { ReferenceNumber = "PD-2" } })).Body["Error"].Should().BeNull();
        var feed = (await store.GetFromJsonAsync<JsonObject>($"/api/channel/v1/stores/{storeId}/updates"))!["Updates"]!.AsArray();
        (await store.PostJson($"/api/channel/v1/stores/{storeId}/updates/ack", new { Cursor = feed[^1]!["Cursor"]!.GetValue<long>() })).Response.StatusCode.Should().Be(HttpStatusCode.OK);

        (await _factory.SweepAsync()).Should().Be(new SweepResult(0, 0), "nothing is past its retention yet");
        _factory.Clock.MoveOn(TimeSpan.FromDays(31));
        var swept = await _factory.SweepAsync();

        swept.Should().Be(new SweepResult(2, feed.Count), "the despatched and the cancelled orders, and every acknowledged feed entry");
        var files = await DatabaseFilesAsync();
        foreach (var secret in despatched.Secrets.Concat(cancelled.Secrets))
        {
            files.Contains(secret, StringComparison.Ordinal).Should().BeFalse($"an erased buyer's data ({secret}) is nowhere in the database file or its log");
        }

        files.Contains(open.Name, StringComparison.Ordinal).Should().BeTrue("an open order keeps its buyer's data");
        var page = (await _linnworks.PostJson("/api/Order/Orders", new { AuthorizationToken = token, UTCTimeFrom = "2000-01-01 00:00:00Z", PageNumber = 1 })).Body;
        page["Orders"]!.AsArray().Select(o => o!["ReferenceNumber"]!.GetValue<string>()).Should().Equal("PD-3");
        var audit = (await store.GetFromJsonAsync<JsonObject>($"/api/channel/v1/stores/{storeId}/personal-data"))!;
        audit["RetentionDays"]!.GetValue<int>().Should().Be(30);
        audit["Erasures"]![0]!.ToJsonString().Should().Contain("\"Reason\":\"Retention\"").And.Contain("\"Orders\":2");

        // The platform sends the same order again: it is the same order, and nothing comes back.
        var resent = (await store.Push(storeId, Order("PD-1", despatched)))["Results"]![0]!;
        resent["Status"]!.GetValue<string>().Should().Be("Unchanged");
        (await DatabaseFilesAsync()).Contains(despatched.Name, StringComparison.Ordinal).Should().BeFalse("a resend brings nothing back");
        (await Despatch(token, "PD-1"))["Orders"]!.AsArray().Should().ContainSingle("Linnworks still gets an answer for the order");
        (await _factory.SweepAsync()).Should().Be(new SweepResult(0, 0), "an erased order is erased once");
    }

    [Fact]
    public async Task AStoresOwnRetention_Overrides_TheDefault_AndZeroKeepsUntilRequested()
    {
        var (token, storeId, key) = await _factory.Integrate();
        var store = _factory.ChannelClient(key);
        var buyer = Buyer("Kept");
        await store.Push(storeId, Order("KP-1", buyer));
        await Despatch(token, "KP-1");
        var read = (await store.GetFromJsonAsync<JsonObject>($"/api/channel/v1/stores/{storeId}/updates"))!["Updates"]!.AsArray();
        (await store.PostJson($"/api/channel/v1/stores/{storeId}/updates/ack", new { Cursor = read[^1]!["Cursor"]!.GetValue<long>() })).Response.EnsureSuccessStatusCode();

        var kept = (await store.PutJson($"/api/channel/v1/stores/{storeId}/personal-data/retention", new { Days = 0 })).Body;
        kept["RetentionDays"]!.GetValue<int>().Should().Be(0);
        _factory.Clock.MoveOn(TimeSpan.FromDays(400));
        await _factory.SweepAsync();
        (await DatabaseFilesAsync()).Contains(buyer.Name, StringComparison.Ordinal).Should().BeTrue("0 keeps personal data until it is erased on request");
        (await store.GetFromJsonAsync<JsonObject>($"/api/channel/v1/stores/{storeId}/updates?after=0"))!["Updates"]!.AsArray().Should()
            .BeEmpty("entries the platform has read leave after Updates:DeliveredRetentionDays, so the feed does not grow until its limit refuses despatches");

        var week = (await store.PutJson($"/api/channel/v1/stores/{storeId}/personal-data/retention", new { Days = 7 })).Body;
        week["StoreRetentionDays"]!.GetValue<int>().Should().Be(7);
        await _factory.SweepAsync();
        (await DatabaseFilesAsync()).Contains(buyer.Name, StringComparison.Ordinal).Should().BeFalse("7 days have passed");
        (await store.PutJson($"/api/channel/v1/stores/{storeId}/personal-data/retention", new { Days = -1 })).Response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var (refused, problem) = await store.PutJson($"/api/channel/v1/stores/{storeId}/personal-data/retention", new { RetentionDays = 0 });
        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest, "the GET's name sent back is not taken for Days left out, which means \"the default\"");
        var (field, messages) = problem["errors"]!.AsObject().Single();
        messages![0]!.GetValue<string>().Should().StartWith($"{field} is not a field of this request;").And.Match("*etentionDays*");

        (await (await store.GetAsync($"/api/channel/v1/stores/{storeId}/personal-data")).Content.ReadAsStringAsync()).Should().Contain("\"StoreRetentionDays\":7");
        (await store.PutJson($"/api/channel/v1/stores/{storeId}/personal-data/retention", new { Days = (int?)null })).Body["RetentionDays"]!.GetValue<int>().Should().Be(30);
    }

    [Fact]
    public async Task ABuyersRequest_ErasesAtOnce_ByEmailOrByReference_IdempotentAndAudited()
    {
        var (token, storeId, key) = await _factory.Integrate();
        var store = _factory.ChannelClient(key);
        var asker = Buyer("Asker") with { Email = "jo+shop@example.com" };
        var other = Buyer("Other");
        await store.Push(storeId, Order("RQ-1", asker), Order("RQ-2", asker), Order("RQ-3", other), Order("RQ-4", Buyer("ByRef")));

        var byEmail = (await store.PostJson($"/api/channel/v1/stores/{storeId}/personal-data/erase", new { Email = "JO+shop@example.com" })).Body;
        var again = (await store.PostJson($"/api/channel/v1/stores/{storeId}/personal-data/erase", new { Email = "jo+shop@example.com" })).Body;
        var byReference = (await store.PostJson($"/api/channel/v1/stores/{storeId}/personal-data/erase", new { References = new[] { "RQ-4", "RQ-1", "NOPE" } })).Body;

        Statuses(byEmail).Should().Equal(("RQ-1", "Erased"), ("RQ-2", "Erased"));
        Statuses(again).Should().BeEmpty("no order carries the address any more");
        Statuses(byReference).Should().Equal(("RQ-4", "Erased"), ("RQ-1", "AlreadyErased"), ("NOPE", "NotFound"));
        var files = await DatabaseFilesAsync();
        foreach (var secret in asker.Secrets.Append("jo+shop").Append("jo\\u002Bshop"))
        {
            files.Contains(secret, StringComparison.Ordinal).Should().BeFalse($"the buyer's data ({secret}) is erased at once");
        }

        files.Contains(other.Name, StringComparison.Ordinal).Should().BeTrue("another buyer of the same store is untouched");
        var page = (await _linnworks.PostJson("/api/Order/Orders", new { AuthorizationToken = token, UTCTimeFrom = "2000-01-01 00:00:00Z", PageNumber = 1 })).Body;
        page["Orders"]!.AsArray().Select(o => o!["ReferenceNumber"]!.GetValue<string>()).Should().Equal("RQ-3");
        (await Despatch(token, "RQ-1"))["Orders"]![0]!["Error"].Should().BeNull("the platform's order still takes its despatch");
        var audit = (await store.GetFromJsonAsync<JsonObject>($"/api/channel/v1/stores/{storeId}/personal-data"))!["Erasures"]!.AsArray();
        audit.Select(a => (a!["Reason"]!.GetValue<string>(), a["Orders"]!.GetValue<int>())).Should().Equal(("Request", 1), ("Request", 0), ("Request", 2));
        audit.ToJsonString().Should().NotContain("@").And.NotContain("RQ-", "the audit holds no email and no reference");
    }

    [Fact]
    public async Task AnErasedOpenOrder_TakesNoStatusChange_ThatLinnworksWouldNeverSee_TheWholeOrderAgainIsDownloaded()
    {
        var (token, storeId, key) = await _factory.Integrate();
        var store = _factory.ChannelClient(key);
        var buyer = Buyer("Withdrawn");
        // Kept from the other tests' sweeps: this order ends cancelled, and they sweep every store past its retention.
        (await store.PutJson($"/api/channel/v1/stores/{storeId}/personal-data/retention", new { Days = 0 })).Response.EnsureSuccessStatusCode();
        await store.Push(storeId, Order("ST-1", buyer));
        (await store.PostJson($"/api/channel/v1/stores/{storeId}/personal-data/erase", new { References = new[] { "ST-1" } })).Response.EnsureSuccessStatusCode();

        var cancel = (await store.PostJson($"/api/channel/v1/stores/{storeId}/orders/status", new { Orders = new[] { new { ReferenceNumber = "ST-1", PaymentStatus = "CANCELLED" } } })).Body;
        var same = (await store.PostJson($"/api/channel/v1/stores/{storeId}/orders/status", new { Orders = new[] { new { ReferenceNumber = "ST-1", PaymentStatus = "PAID" } } })).Body;
        var resent = (await store.Push(storeId, Order("ST-1", buyer)))["Results"]![0]!;

        cancel["Results"]![0]!["Status"]!.GetValue<string>().Should().Be("Rejected", "an erased order is never downloaded again, so Linnworks would not learn of the cancellation");
        cancel["Results"]![0]!["Errors"]![0]!.GetValue<string>().Should().Contain("send the whole order");
        same["Results"]![0]!["Status"]!.GetValue<string>().Should().Be("Unchanged");
        resent["Status"]!.GetValue<string>().Should().Be("Unchanged", "the order as the platform sent it, sent again, brings nothing back");
        var cancelledWhole = (await store.Push(storeId, Order("ST-1", buyer, "CANCELLED")))["Results"]![0]!;
        cancelledWhole["Status"]!.GetValue<string>().Should().Be("Updated");
        var page = (await _linnworks.PostJson("/api/Order/Orders", new { AuthorizationToken = token, UTCTimeFrom = "2000-01-01 00:00:00Z", PageNumber = 1 })).Body;
        page["Orders"]!.AsArray().Should().ContainSingle(o => o!["ReferenceNumber"]!.GetValue<string>() == "ST-1")
            .Which!["PaymentStatus"]!.GetValue<string>().Should().Be("CANCELLED", "the whole order sent again reaches Linnworks");
    }

    [Fact]
    public async Task TheSweep_RunsOnOneNodeAtATime_TheLeaseHoldersTurn()
    {
        var (token, storeId, key) = await _factory.Integrate();
        var buyer = Buyer("Leased");
        await _factory.ChannelClient(key).Push(storeId, Order("LS-1", buyer));
        await Despatch(token, "LS-1");
        _factory.Clock.MoveOn(TimeSpan.FromDays(31));
        var sweeper = _factory.Services.GetRequiredService<ChannelBridge.Infrastructure.Persistence.PersonalData.PersonalDataSweepService>();
        await using var scope = _factory.Services.CreateAsyncScope();
        var data = scope.ServiceProvider.GetRequiredService<IPersonalDataRepository>();

        (await data.TryLeaseAsync(ChannelBridge.Infrastructure.Persistence.PersonalData.PersonalDataSweepService.Job, "another-node", TimeSpan.FromMinutes(5), default)).Should().BeTrue();
        (await sweeper.RunOnceAsync(TimeSpan.FromMinutes(5), CancellationToken.None)).Should().BeFalse("another node holds the lease");
        (await DatabaseFilesAsync()).Contains(buyer.Name, StringComparison.Ordinal).Should().BeTrue("nothing was erased by a node without the lease");

        await data.ReleaseLeaseAsync(ChannelBridge.Infrastructure.Persistence.PersonalData.PersonalDataSweepService.Job, "another-node", default);
        (await sweeper.RunOnceAsync(TimeSpan.FromMinutes(5), CancellationToken.None)).Should().BeTrue();
        (await DatabaseFilesAsync()).Contains(buyer.Name, StringComparison.Ordinal).Should().BeFalse();
    }

    [Fact]
    public async Task ABadRequest_IsRefused_AndAnotherStoresKeyCannotErase()
    {
        var (_, storeId, key) = await _factory.Integrate();
        var (_, otherKey) = await _factory.CreateStore("Other");
        var store = _factory.ChannelClient(key);

        (await store.PostJson($"/api/channel/v1/stores/{storeId}/personal-data/erase", new { })).Response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await store.PostJson($"/api/channel/v1/stores/{storeId}/personal-data/erase", new { Email = "a@b.c", References = new[] { "R" } })).Response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await store.PostJson($"/api/channel/v1/stores/{storeId}/personal-data/erase", new { References = Array.Empty<string>() })).Response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await _factory.ChannelClient(otherKey).PostJson($"/api/channel/v1/stores/{storeId}/personal-data/erase", new { Email = "a@b.c" })).Response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await _factory.ChannelClient(ApiFactory.OperatorKey).PostJson("/api/channel/v1/stores/nope/personal-data/erase", new { Email = "a@b.c" })).Response.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    private static IEnumerable<(string, string)> Statuses(JsonObject body) =>
        body["Orders"]!.AsArray().Select(o => (o!["ReferenceNumber"]!.GetValue<string>(), o["Status"]!.GetValue<string>()));

    private async Task<JsonObject> Despatch(string token, string reference) =>
        (await _linnworks.PostJson("/api/Order/Despatch", new { AuthorizationToken = token, Orders = new[] { new { ReferenceNumber = reference, ShippingVendor = "RM", TrackingNumber = "T1" } } })).Body;

    /// <summary>The database file and its write-ahead log, as text, read the way a reviewer's grep reads them.</summary>
    private async Task<string> DatabaseFilesAsync()
    {
        await _factory.FinishDeferredScrubAsync();
        SqliteConnection.ClearAllPools();
        var text = new StringBuilder();
        foreach (var path in new[] { _factory.DatabasePath, _factory.DatabasePath + "-wal" }.Where(File.Exists))
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var copy = new MemoryStream();
            file.CopyTo(copy);
            text.Append(Encoding.UTF8.GetString(copy.ToArray()));
        }

        return text.ToString();
    }

    private static BuyerData Buyer(string tag)
    {
        var id = Guid.NewGuid().ToString("N")[..8];
        return new BuyerData($"Quackenbush{tag}{id}", $"{id}@buyers.example", $"0113 {id}", $"{id} Zebra Crossing", $"Ring twice {id}", $"Gift for {id}");
    }

    /// <summary>One time for every order of these tests, so the same order sent again is the same to the second.</summary>
    private static readonly string Received = DateTime.UtcNow.AddHours(-1).ToString("yyyy-MM-dd HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    private static object Order(string reference, BuyerData buyer, string paymentStatus = "PAID")
    {
        var address = new { FullName = buyer.Name, Address1 = buyer.Street, Town = "Leeds", PostCode = "LS1 1AA", CountryCode = "GB", PhoneNumber = buyer.Phone, EmailAddress = buyer.Email };
        return new
        {
            ReferenceNumber = reference,
            PaymentStatus = paymentStatus,
            ReceivedDate = Received,
            ChannelBuyerName = buyer.Name,
            Currency = "GBP",
            BillingAddress = address,
            DeliveryAddress = address,
            Notes = new[] { new { Note = buyer.Note } },
            ExtendedProperties = new[] { new { Name = "GiftMessage", Value = buyer.Gift } },
            OrderItems = new[] { new { OrderLineNumber = "1", SKU = "MUG", ItemTitle = "Mug", Qty = 1, PricePerUnit = 9.99m } },
        };
    }

    private sealed record BuyerData(string Name, string Email, string Phone, string Street, string Note, string Gift)
    {
        public IEnumerable<string> Secrets => [Name, Email, Phone, Street, Note, Gift];
    }
}
