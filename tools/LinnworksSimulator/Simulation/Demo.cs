using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bogus;

namespace ChannelBridge.LinnworksSimulator.Simulation;

/// <summary>
/// Creates a demo store on a ChannelBridge with realistic orders, listings and tags, and returns the wizard answers.
/// Part of it is sent as a platform written in C# sends it: Linnworks' own value-type order and product classes
/// serialised with Newtonsoft's defaults (an unset date as 0001-01-01, enums as numbers, computed prices with many
/// decimals). Every order and listing must be stored; one rejected fails the run with its reasons.
/// </summary>
public static class Demo
{
    /// <summary>The SKU of the demo store's listing number <paramref name="number"/> (from 1).</summary>
    public static string Sku(int number) => $"DEMO-{number:D5}";

    public static async Task<Dictionary<string, string>> CreateAsync(HttpClient http, Uri baseUrl, string operatorKey, int orders, int products, CancellationToken cancellationToken)
    {
        Randomizer.Seed = new Random(2026);
        var faker = new Faker("en_GB");
        async Task<JsonObject> Send(HttpMethod method, string path, string key, object body)
        {
            using var request = new HttpRequestMessage(method, new Uri(baseUrl, path)) { Content = JsonContent.Create(body) };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
            using var response = await http.SendAsync(request, cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"{method} {path}: HTTP {(int)response.StatusCode} {text}");
            }

            var answer = JsonNode.Parse(text)!.AsObject();
            RequireNoneRejected(path, answer);
            return answer;
        }

        var store = await Send(HttpMethod.Post, "api/channel/v1/stores", operatorKey, new { Name = faker.Company.CompanyName() + " (demo)" });
        var storeId = store["StoreId"]!.GetValue<string>();
        var storeKey = store["StoreKey"]!.GetValue<string>();
        var skus = Enumerable.Range(1, Math.Max(products, 10)).Select(Sku).ToList();

        await Send(HttpMethod.Put, $"api/channel/v1/stores/{storeId}/shipping-tags", storeKey, new
        {
            ShippingTags = new[] { new { Tag = "RM24", FriendlyName = "Royal Mail Tracked 24", Site = "" }, new { Tag = "DPD-NEXT", FriendlyName = "DPD Next Day", Site = "" } },
        });
        await Send(HttpMethod.Put, $"api/channel/v1/stores/{storeId}/payment-tags", storeKey, new
        {
            PaymentTags = new[] { new { Tag = "card", FriendlyName = "Card", Site = "" }, new { Tag = "paypal", FriendlyName = "PayPal", Site = "" } },
        });

        // The listing tool, channel-wide (operator key): what a listing needs, categories, attributes, variations.
        await Send(HttpMethod.Put, "api/channel/v1/listing/settings", operatorKey, new
        {
            Settings = new object[]
            {
                new { GroupName = "GENERAL", ConfigItemId = "Condition", FriendlyName = "Condition", MustBeSpecified = true, ExpectedType = "LIST", ValueOptions = new[] { "New", "Used" }, ValueFromOptionsList = true },
                new { GroupName = "SHIPPING", ConfigItemId = "HandlingDays", FriendlyName = "Handling days", ExpectedType = "INT", InitialValues = new[] { "1" } },
            },
            MaxDescriptionLength = 4000,
            ImageSettings = new { Type = "CountTogether", MaxImages = 10, MaxVariantImages = 3, ImageTags = new[] { new { Name = "Main", ImageTagType = "SingleTag" } } },
            IsVariationsAllowed = true,
            IsPriceInVariation = true,
            IsTitleInVariation = true,
        });
        await Send(HttpMethod.Put, "api/channel/v1/listing/categories", operatorKey, new
        {
            Categories = Enumerable.Range(1, 120).Select(i => new { CategoryId = 1000 + i, CategoryName = faker.Commerce.Department() + " " + i }).ToArray(),
        });
        await Send(HttpMethod.Put, "api/channel/v1/listing/categories/1001/attributes", operatorKey, new
        {
            Attributes = new object[] { new { ID = "Brand", FriendlyName = "Brand", MustBeSpecified = "Required" }, new { ID = "Colour", FriendlyName = "Colour", AttribueReadFrom = "Child" } },
        });
        await Send(HttpMethod.Put, "api/channel/v1/listing/categories/1001/variations", operatorKey, new
        {
            MaxVariationAttributes = 2,
            NeededVariations = new[] { new { VariationName = "Size", Description = "Size" } },
        });

        foreach (var batch in skus.Take(products).Chunk(1000))
        {
            await Send(HttpMethod.Post, $"api/channel/v1/stores/{storeId}/products", storeKey, new
            {
                Products = new JsonArray([.. batch.Select((sku, n) => n % 4 == 1
                    ? ValueTypeProduct(sku, faker)
                    : JsonSerializer.SerializeToNode(new { SKU = sku, Title = faker.Commerce.ProductName(), Quantity = faker.Random.Int(0, 200), Price = decimal.Parse(faker.Commerce.Price(2, 120), CultureInfo.InvariantCulture) }))]),
            });
        }

        foreach (var batch in Enumerable.Range(1, orders).Chunk(500))
        {
            await Send(HttpMethod.Post, $"api/channel/v1/stores/{storeId}/orders", storeKey, new
            {
                Orders = new JsonArray([.. batch.Select(i => i % 5 == 1 ? ValueTypeOrder(i, faker, skus) : JsonSerializer.SerializeToNode(DemoOrder(i, faker, skus)))]),
            });
        }

        return new Dictionary<string, string> { ["StoreId"] = storeId, ["StoreKey"] = storeKey };
    }

    private static object DemoOrder(int i, Faker faker, List<string> skus)
    {
        var name = faker.Name.FullName();
        var address = new
        {
            FullName = name,
            Address1 = faker.Address.StreetAddress(),
            Town = faker.Address.City(),
            PostCode = faker.Address.ZipCode(),
            Country = "United Kingdom",
            CountryCode = "GB",
            EmailAddress = faker.Internet.Email(name),
        };
        var received = DateTime.UtcNow.AddMinutes(-faker.Random.Int(5, 60 * 24 * 5));
        if (i % 3 == 0)
        {
            // A sparse order, as many platforms send them: no PaidOn, DispatchBy, billing address or note
            // date; enums as Linnworks' numbers; the doc table's ExtendedProperty spelling. Linnworks must
            // still read every value of it (the simulator's typed check).
            return (object)new
            {
                ReferenceNumber = $"DEMO-{i:D6}",
                PaymentStatus = 0,
                DiscountType = 1,
                ReceivedDate = received,
                DeliveryAddress = new { FullName = name, Address1 = faker.Address.StreetAddress(), Town = faker.Address.City(), CountryCode = "GB" },
                ExtendedProperty = new[] { new { Name = "GiftMessage", Value = faker.Lorem.Sentence() } },
                Notes = new[] { new { Note = "Leave with neighbour" } },
                OrderItems = new[] { new { OrderLineNumber = "1", SKU = faker.PickRandom(skus), Qty = 1 } },
            };
        }

        return new
        {
            ReferenceNumber = $"DEMO-{i:D6}",
            ExternalReference = faker.Finance.Iban(),
            ChannelBuyerName = faker.Internet.UserName(name),
            Currency = "GBP",
            PaymentStatus = faker.Random.WeightedRandom(["PAID", "UNPAID"], [0.9f, 0.1f]),
            ReceivedDate = received,
            PaidOn = received.AddMinutes(2),
            DispatchBy = received.AddDays(2),
            PostalServiceCost = 3.99m,
            Notes = new[] { new { Note = "Gift wrap", NoteEntryDate = received, NoteUserName = "buyer", IsInternal = false } },
            MatchPostalServiceTag = faker.PickRandom("RM24", "DPD-NEXT"),
            MatchPaymentMethodTag = faker.PickRandom("card", "paypal"),
            DeliveryAddress = address,
            BillingAddress = address,
            OrderItems = Enumerable.Range(1, faker.Random.Int(1, 3)).Select(line => new
            {
                OrderLineNumber = line.ToString(System.Globalization.CultureInfo.InvariantCulture),
                SKU = faker.PickRandom(skus),
                ItemTitle = faker.Commerce.ProductName(),
                Qty = faker.Random.Int(1, 3),
                PricePerUnit = decimal.Parse(faker.Commerce.Price(2, 60), System.Globalization.CultureInfo.InvariantCulture),
                TaxRate = 20,
            }).ToArray(),
        };
    }

    /// <summary>
    /// An order as a C# platform builds it on Linnworks' own class: an unpaid order's PaidOn and a missing DispatchBy
    /// left at default(DateTime), a note without a date, prices computed from gross ones (many decimals).
    /// </summary>
    private static JsonNode ValueTypeOrder(int i, Faker faker, List<string> skus)
    {
        var name = faker.Name.FullName();
        var address = new Contract.Address { FullName = name, Address1 = faker.Address.StreetAddress(), Town = faker.Address.City(), PostCode = faker.Address.ZipCode(), CountryCode = "GB" };
        var paid = i % 2 == 0;
        var received = DateTime.UtcNow.AddMinutes(-faker.Random.Int(5, 60 * 24 * 5));
        var order = new Contract.Order
        {
            ReferenceNumber = $"DEMO-{i:D6}",
            Currency = "GBP",
            PaymentStatus = paid ? Contract.PaymentStatus.PAID : Contract.PaymentStatus.UNPAID,
            ReceivedDate = received,
            PaidOn = paid ? received.AddMinutes(1) : default,
            PostalServiceCost = decimal.Round(4.99m / 1.2m, 6),
            BillingAddress = address,
            DeliveryAddress = address,
            Notes = [new Contract.OrderNote { Note = "Sent from a value-type model" }],
            OrderItems = [.. Enumerable.Range(1, 2).Select(line => new Contract.OrderItem
            {
                OrderLineNumber = line.ToString(CultureInfo.InvariantCulture),
                SKU = faker.PickRandom(skus),
                ItemTitle = faker.Commerce.ProductName(),
                Qty = 1,
                PricePerUnit = decimal.Round(decimal.Parse(faker.Commerce.Price(2, 60), CultureInfo.InvariantCulture) / 1.2m, 6),
                TaxRate = 20,
            })],
        };
        return JsonNode.Parse(Newtonsoft.Json.JsonConvert.SerializeObject(order))!;
    }

    /// <summary>A listing from Linnworks' value-type Product class, its price computed net of 20% VAT.</summary>
    private static JsonNode ValueTypeProduct(string sku, Faker faker) =>
        JsonNode.Parse(Newtonsoft.Json.JsonConvert.SerializeObject(new Contract.Product
        {
            SKU = sku,
            Title = faker.Commerce.ProductName(),
            Quantity = faker.Random.Int(0, 200),
            Price = decimal.Parse(faker.Commerce.Price(2, 120), CultureInfo.InvariantCulture) / 1.2m,
        }))!;

    /// <summary>Every order and listing must be stored: a Rejected one fails the demo with its reasons.</summary>
    private static void RequireNoneRejected(string path, JsonObject answer)
    {
        var rejected = (answer["Results"] as JsonArray ?? [])
            .Where(r => r?["Status"]?.GetValue<string>() == "Rejected")
            .Select(r => $"{r!["ReferenceNumber"] ?? r["SKU"]}: {string.Join(" ", (r["Errors"] as JsonArray ?? []).Select(e => e?.GetValue<string>()))}")
            .ToList();
        if (rejected.Count > 0)
        {
            throw new InvalidOperationException($"POST {path}: {rejected.Count} rejected, every one must be stored. {string.Join(" | ", rejected.Take(5))}");
        }
    }
}
