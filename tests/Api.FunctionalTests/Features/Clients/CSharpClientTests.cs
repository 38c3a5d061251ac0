using System.Net.Http.Headers;
using ChannelBridge.Api.FunctionalTests.Features.Webhooks;
using ChannelBridge.Client;

namespace ChannelBridge.Api.FunctionalTests.Features.Clients;

/// <summary>
/// The platform's whole side, driven through the generated C# client only (no hand-written HTTP on the platform's side):
/// create a store, set tags, push orders and products, read and acknowledge updates, register a webhook, read the
/// integration status, upload the listing catalog and report listing results. Linnworks' side is plain HTTP, as it is.
/// </summary>
public class CSharpClientTests(FastWebhookApiFactory factory) : IClassFixture<FastWebhookApiFactory>
{
    [Fact]
    public async Task ThePlatformsSide_EndToEnd_WithTheGeneratedClient()
    {
        var operatorHttp = Http(ApiFactory.OperatorKey);
        var created = await new StoresClient(operatorHttp).CreateAsync(new CreateStoreCommand { Name = "Client shop" });
        var http = Http(created.StoreKey);
        var stores = new StoresClient(http);
        var data = new ChannelStoreDataClient(http);
        var storeId = created.StoreId;

        var tagged = await stores.ReplaceShippingTagsAsync(storeId, new ShippingTagsBody { ShippingTags = [new TagDto { Tag = "RM24", FriendlyName = "Royal Mail 24", Site = "" }] });
        var orders = await data.UpsertOrdersAsync(storeId, new OrdersBody
        {
            Orders =
            [
                new OrderDto
                {
                    ReferenceNumber = "CL-1", PaymentStatus = "PAID", Currency = "GBP", ReceivedDate = DateTimeOffset.UtcNow.AddHours(-1),
                    DeliveryAddress = new AddressDto { FullName = "Jane Smith", Address1 = "1 Old Street", Town = "London", CountryCode = "GB" },
                    OrderItems = [new OrderItemDto { OrderLineNumber = "1", SKU = "MUG", ItemTitle = "Mug", Qty = 1, PricePerUnit = 9.99m }],
                },
            ],
        });
        var paid = await data.UpdateOrderStatusesAsync(storeId, new OrderStatusesBody { Orders = [new OrderStatusDto { ReferenceNumber = "CL-1", PaymentStatus = "PAID" }] });
        var products = await data.UpsertProductsAsync(storeId, new ProductsBody { Products = [new ProductDto { SKU = "MUG", Title = "Mug", Quantity = 5, Price = 9.99m }, new ProductDto { SKU = "TS/RED/XL", Title = "T-shirt", Quantity = 1, Price = 5m }] });
        await data.DeleteProductAsync(storeId, "TS/RED/XL");   // a SKU with slashes, through the path as the client escapes it
        var deleted = await data.DeleteProductsAsync(storeId, new SkusBody { SKUs = ["MUG", "TS/RED/XL"] });

        tagged.ShippingTags.Should().ContainSingle(t => t.Tag == "RM24");
        orders.Results.Should().ContainSingle(r => r.Status == UpsertStatus.Created);
        paid.Results.Should().ContainSingle(r => r.Status == UpsertStatus.Unchanged, "it was paid already");
        products.Results.Should().HaveCount(2).And.OnlyContain(r => r.Status == UpsertStatus.Created);
        deleted.Results.Select(r => r.Status).Should().Equal(DeleteStatus.Deleted, DeleteStatus.NotFound);

        // Linnworks integrates, downloads and despatches (its side: plain HTTP).
        var linnworks = factory.Client();
        var token = await linnworks.AddNewUser();
        await linnworks.SaveConfig(token, "ConnectStore", ("StoreId", storeId), ("StoreKey", created.StoreKey));
        await linnworks.SaveConfig(token, "OrderSettings");
        await linnworks.PostJson("/api/Order/Despatch", new { AuthorizationToken = token, Orders = new[] { new { ReferenceNumber = "CL-1", ShippingVendor = "RM", TrackingNumber = "T1" } } });

        var updates = await data.GetUpdatesAsync(storeId, null, 100);
        updates.Updates.Should().ContainSingle(u => u.Type == "Despatch");
        (await data.AcknowledgeAsync(storeId, new AckBody { Cursor = updates.NextCursor })).AcknowledgedCursor.Should().Be(updates.NextCursor);
        (await data.GetUpdatesAsync(storeId, null, 100)).Updates.Should().BeEmpty("everything was acknowledged");

        await using var receiver = await WebhookReceiver.StartAsync("whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
        var webhook = await data.ConfigureWebhookAsync(storeId, new WebhookBody { Url = receiver.Url.ToString() });
        webhook.Secret.Should().StartWith("whsec_");
        (await data.GetWebhookAsync(storeId)).State.Should().Be("Enabled");

        var status = await stores.IntegrationsAsync(storeId);
        status.Integrations.Should().ContainSingle().Which.StepName.Should().Be("UserConfig");

        // The listing catalog (operator) and a listing job reported back.
        var catalog = new ChannelListingCatalogClient(operatorHttp);
        await Explained(() => catalog.ReplaceSettingsAsync(new ConfiguratorSettingsDto
        {
            Settings = [new CustomerSettingDto { GroupName = ListingSettingGroup.GENERAL, ConfigItemId = "Condition", FriendlyName = "Condition", ExpectedType = ListingExpectedType.LIST, ValueOptions = ["New", "Used"], InitialValues = [] }],
            MaxDescriptionLength = 5000,
            ImageSettings = new ListingImageDto { Type = ListingImageType.CountTogether, MaxImages = 8 },
        }));
        await catalog.ReplaceCategoriesAsync(new CategoriesBody { Categories = [new CategoryDto { CategoryId = 17, CategoryName = "Mugs" }] });
        var feedId = (await linnworks.PostJson("/api/Listing/ListingUpdate", new
        {
            AuthorizationToken = token,
            Type = "CREATE",
            Listings = new[] { new { TemplateId = "1", SKU = "MUG-2", Title = "Mug", Quantity = 3, Price = 8.5m } },
        })).Body["ChannelFeedId"]!.GetValue<string>();
        var reported = await data.ReportListingResultsAsync(storeId, new ListingResultsBody
        {
            ChannelFeedId = feedId,
            Results = [new ListingResultDto { SKU = "MUG-2", ExternalListingId = "5551", URL = "https://shop.example.com/l/5551", Messages = [], ChannelReferences = [] }],
        });

        reported.Results.Should().ContainSingle(r => r.Status == ListingReportStatus.Recorded);
        var check = (await linnworks.PostJson("/api/Listing/CheckFeed", new { AuthorizationToken = token, ChannelFeedId = feedId })).Body;
        check["IsFeedReady"]!.GetValue<bool>().Should().BeTrue(check.ToJsonString());
        var problem = await FluentActions.Awaiting(() => stores.GetAsync("no-such-store")).Should().ThrowAsync<ApiException>();
        problem.Which.StatusCode.Should().Be(403, "a store's key on another store");
    }

    /// <summary>A refusal's ProblemDetails in the failure message.</summary>
    private static async Task<T> Explained<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (ApiException<ValidationProblemDetails> problem)
        {
            throw new InvalidOperationException(string.Join("; ", problem.Result.Errors.SelectMany(e => e.Value)) + " " + problem.Result.Detail, problem);
        }
    }

    private HttpClient Http(string key)
    {
        var http = factory.Client();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return http;
    }
}
