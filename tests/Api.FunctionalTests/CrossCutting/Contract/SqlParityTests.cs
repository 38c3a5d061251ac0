using ChannelBridge.Api.FunctionalTests.Features.Orders;

namespace ChannelBridge.Api.FunctionalTests.CrossCutting.Contract;

/// <summary>One meaning for keys, money and dates on both databases (what SQL Server would otherwise differ on).</summary>
public class SqlParityTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Skus_AreCaseSensitive_AndSurroundingSpacesAreTrimmed()
    {
        var (token, storeId, key) = await factory.Integrate();
        var store = factory.ChannelClient(key);

        var results = (await store.PostJson($"/api/channel/v1/stores/{storeId}/products", new
        {
            Products = new[] { new { SKU = "abc", Title = "Lower", Quantity = 1, Price = 1m } },
        })).Body["Results"]!.AsArray();
        var again = (await store.PostJson($"/api/channel/v1/stores/{storeId}/products", new
        {
            Products = new[] { new { SKU = "ABC", Title = "Upper", Quantity = 1, Price = 1m }, new { SKU = " abc  ", Title = "Lower", Quantity = 1, Price = 1m } },
        })).Body["Results"]!.AsArray();

        results[0]!["Status"]!.GetValue<string>().Should().Be("Created");
        again.Select(r => (r!["SKU"]!.GetValue<string>(), r["Status"]!.GetValue<string>())).Should().Equal(("ABC", "Created"), ("abc", "Unchanged"));
        var products = (await factory.Client().PostJson("/api/Product/Products", new { AuthorizationToken = token, PageNumber = 1 })).Body["Products"]!.AsArray();
        products.Select(p => p!["SKU"]!.GetValue<string>()).Should().BeEquivalentTo("abc", "ABC");
    }

    [Fact]
    public async Task ReferenceNumbers_WithSurroundingSpaces_AreTheSameOrder()
    {
        var (_, storeId, key) = await factory.Integrate();
        var store = factory.ChannelClient(key);
        await store.Push(storeId, OrderBuilder.Order("R-1"));

        var results = (await store.Push(storeId, OrderBuilder.Order("R-1 ")))["Results"]!.AsArray();

        results[0]!["ReferenceNumber"]!.GetValue<string>().Should().Be("R-1");
        results[0]!["Status"]!.GetValue<string>().Should().Be("Updated", "the same order (its ExternalReference changed), not a second one");
    }

    [Fact]
    public async Task Money_KeepsFourDecimalPlaces_RoundedHalfAwayFromZero_OnBothApis_NeverRefused()
    {
        var (token, storeId, key) = await factory.Integrate();
        var store = factory.ChannelClient(key);

        var created = (await store.PostJson($"/api/channel/v1/stores/{storeId}/products", new { Products = new[] { new { SKU = "M1", Title = "Mug", Quantity = 1, Price = 9.12345m } } })).Body;
        var resent = (await store.PostJson($"/api/channel/v1/stores/{storeId}/products", new { Products = new[] { new { SKU = "M1", Title = "Mug", Quantity = 1, Price = 9.12345m } } })).Body;
        var sameRounded = (await store.PostJson($"/api/channel/v1/stores/{storeId}/products", new { Products = new[] { new { SKU = "M1", Title = "Mug", Quantity = 1, Price = 9.1235m } } })).Body;
        var linnworks = factory.Client();
        var page = (await linnworks.PostJson("/api/Product/Products", new { AuthorizationToken = token, PageNumber = 1 })).Body["Products"]!.AsArray();
        var update = new { AuthorizationToken = token, Products = new[] { new { SKU = "M1", Price = 10.99995m } } };
        (await linnworks.PostJson("/api/Product/PriceUpdate", update)).Body["Products"]![0]!["Error"].Should().BeNull();
        (await linnworks.PostJson("/api/Product/PriceUpdate", update)).Body["Products"]![0]!["Error"].Should().BeNull();

        created["Results"]![0]!["Status"]!.GetValue<string>().Should().Be("Created", "a computed price is rounded, not refused");
        resent["Results"]![0]!["Status"]!.GetValue<string>().Should().Be("Unchanged", "the same value sent again");
        sameRounded["Results"]![0]!["Status"]!.GetValue<string>().Should().Be("Unchanged", "9.12345 was stored as 9.1235");
        page.Single()!["Price"]!.GetValue<decimal>().Should().Be(9.1235m);
        var products = (await linnworks.PostJson("/api/Product/Products", new { AuthorizationToken = token, PageNumber = 1 })).Body["Products"]!.AsArray();
        products.Single()!["Price"]!.GetValue<decimal>().Should().Be(11.0000m);
        (await store.GetFromJsonAsync<System.Text.Json.Nodes.JsonObject>($"/api/channel/v1/stores/{storeId}/updates"))!["Updates"]!.AsArray().Should().ContainSingle("the retried update adds nothing");
    }

    [Fact]
    public async Task OrderMoney_IsRoundedToFourPlaces_AndTheSameOrderAgainIsUnchanged()
    {
        var (token, storeId, key) = await factory.Integrate();
        var store = factory.ChannelClient(key);
        var received = DateTime.UtcNow.AddHours(-1).ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        object Computed() => new
        {
            ReferenceNumber = "NET-1",
            PaymentStatus = "PAID",
            ReceivedDate = received,
            PostalServiceCost = 4.158333m,
            Discount = 0.00005m,
            DeliveryAddress = new { FullName = "Jane", Address1 = "1 Old Street", Town = "London", CountryCode = "GB" },
            OrderItems = new[] { new { OrderLineNumber = "1", SKU = "A", Qty = 1, PricePerUnit = 16.658333m } },
        };

        var first = (await store.Push(storeId, Computed()))["Results"]![0]!;
        var again = (await store.Push(storeId, Computed()))["Results"]![0]!;
        var order = (await factory.Client().PostJson("/api/Order/Orders", new { AuthorizationToken = token, UTCTimeFrom = "2000-01-01 00:00:00Z", PageNumber = 1 })).Body["Orders"]![0]!;

        first["Status"]!.GetValue<string>().Should().Be("Created", first.ToJsonString());
        again["Status"]!.GetValue<string>().Should().Be("Unchanged");
        order["OrderItems"]![0]!["PricePerUnit"]!.GetValue<decimal>().Should().Be(16.6583m);
        order["PostalServiceCost"]!.GetValue<decimal>().Should().Be(4.1583m);
        order["Discount"]!.GetValue<decimal>().Should().Be(0.0001m, "half away from zero");
    }

    [Fact]
    public async Task UnsetDates_FromValueTypeModels_ReadAsAbsent_InEveryForm()
    {
        var (token, storeId, key) = await factory.Integrate();
        var received = new DateTime(2026, 11, 20, 9, 30, 0, DateTimeKind.Utc);
        string[] forms =
        [
            "0001-01-01T00:00:00", "0001-01-01T00:00:00Z", "0001-01-01T00:00:00.0000000", "0001-01-01 00:00:00Z",
            "0001-01-01T00:00:00+01:00", "0001-01-01T00:00:00.000-05:00", "0001-01-01T00:00:00.0000000+00:00",
        ];
        var orders = forms.Select((unset, i) => (object)new
        {
            ReferenceNumber = $"VT-{i}",
            PaymentStatus = 1,
            ReceivedDate = received,
            PaidOn = unset,
            DispatchBy = unset,
            DeliveryAddress = new { FullName = "Jane", Address1 = "1 Old Street", Town = "London", CountryCode = "GB" },
            Notes = new[] { new { Note = "No date", NoteEntryDate = unset } },
            OrderItems = new[] { new { OrderLineNumber = "1", SKU = "A", Qty = 1, PricePerUnit = 2m } },
        }).ToArray();
        var store = factory.ChannelClient(key);

        var results = (await store.Push(storeId, orders))["Results"]!.AsArray();
        var leftOut = (await store.Push(storeId, new
        {
            ReferenceNumber = "VT-0",
            PaymentStatus = 1,
            ReceivedDate = received,
            DeliveryAddress = new { FullName = "Jane", Address1 = "1 Old Street", Town = "London", CountryCode = "GB" },
            Notes = new[] { new { Note = "No date" } },
            OrderItems = new[] { new { OrderLineNumber = "1", SKU = "A", Qty = 1, PricePerUnit = 2m } },
        }))["Results"]![0]!;
        var page = (await factory.Client().PostJson("/api/Order/Orders", new { AuthorizationToken = token, UTCTimeFrom = "2026-11-01 00:00:00Z", PageNumber = 1 })).Body;

        results.Select(r => r!["Status"]!.GetValue<string>()).Should().AllBe("Created", results.ToJsonString());
        leftOut["Status"]!.GetValue<string>().Should().Be("Unchanged", "an unset date is the same as one left out");
        page["Orders"]!.AsArray().Should().HaveCount(forms.Length);
        foreach (var order in page["Orders"]!.AsArray())
        {
            order!["PaidOn"]!.GetValue<string>().Should().Be("2026-11-20 09:30:00Z", "an absent PaidOn is the ReceivedDate");
            order["DispatchBy"]!.GetValue<string>().Should().Be("2026-11-22 09:30:00Z", "an absent DispatchBy is ReceivedDate + Orders:DispatchByDaysWhenAbsent");
            order["Notes"]![0]!["NoteEntryDate"]!.GetValue<string>().Should().Be("2026-11-20 09:30:00Z");
        }
    }

    [Fact]
    public async Task AnUnsetReceivedDate_AndDatesBeforeTheFloor_AreRefusedPerOrder_AndUTCTimeFromIsClamped()
    {
        var (token, storeId, key) = await factory.Integrate();
        object Order(string reference, string received, string? paidOn) => new
        {
            ReferenceNumber = reference,
            PaymentStatus = "PAID",
            ReceivedDate = received,
            PaidOn = paidOn,
            DeliveryAddress = new { FullName = "Jane", CountryCode = "GB" },
            OrderItems = new[] { new { OrderLineNumber = "1", SKU = "A", Qty = 1 } },
        };

        var results = (await factory.ChannelClient(key).Push(
            storeId,
            Order("Y1", "0001-01-01T00:00:00", "0001-01-01T00:00:00"),
            Order("E1", "2026-11-01T00:00:00Z", "1999-12-31T23:59:59Z"),
            OrderBuilder.Order("OK-1")))["Results"]!.AsArray();
        var page = (await factory.Client().PostJson("/api/Order/Orders", new { AuthorizationToken = token, UTCTimeFrom = "0001-01-01 00:00:00Z", PageNumber = 1 })).Body;

        results.Select(r => r!["Status"]!.GetValue<string>()).Should().Equal("Rejected", "Rejected", "Created");
        results[0]!["Errors"]!.AsArray().Select(e => e!.GetValue<string>()).Should()
            .Equal("ReceivedDate is unset (0001-01-01, a default DateTime); send when the order was placed (UTC).");
        results[1]!["Errors"]!.AsArray().Select(e => e!.GetValue<string>()).Should().Equal("PaidOn 1999-12-31 is before 2000-01-01; send the real date or leave it out.");
        page["Error"].Should().BeNull();
        page["Orders"]!.AsArray().Select(o => o!["ReferenceNumber"]!.GetValue<string>()).Should().Equal("OK-1");
    }
}
