using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChannelBridge.Api.FunctionalTests.Features.ListingTool;

/// <summary>
/// The listing tool end to end: the operator uploads what listings need; Linnworks reads it, sends a ListingUpdate
/// with variations; the platform reads the jobs from the feed and reports; CheckFeed goes from not ready to ready
/// with references that match Products; a ListingDelete removes the listing once the platform confirms it.
/// </summary>
public abstract class ListingToolContract(ApiFactory factory)
{
    private readonly HttpClient _linnworks = factory.Client();
    private readonly HttpClient _operator = factory.ChannelClient(ApiFactory.OperatorKey);

    [Fact]
    public async Task TheWholeFlow_FromSettingsToCheckFeedToDelete()
    {
        await UploadCatalog();
        var (token, storeId, key) = await factory.Integrate();
        var platform = factory.ChannelClient(key);

        var settings = (await _linnworks.PostJson("/api/Listing/GetConfiguratorSettings", new { })).Body;
        settings["Error"].Should().BeNull();
        settings["Settings"]![0]!["GroupName"]!.GetValue<int>().Should().Be(1, "enums are sent as Linnworks' numbers");
        var attributes = (await _linnworks.PostJson("/api/Listing/GetAttributesByCategory", new { AuthorizationToken = token, CategoryIds = new[] { "17" }, GeneralSettings = new[] { new { ID = "Condition", Values = new[] { "New" } } } })).Body;
        attributes["Attributes"]!.AsArray().Select(a => a!["ID"]!.GetValue<string>()).Should().Equal("Brand", "Size");
        var variations = (await _linnworks.PostJson("/api/Listing/GetVariationsByCategory", new { AuthorizationToken = token, CategoryIds = new[] { "17", "18" } })).Body;
        variations["MaxVariationAttributes"]!.GetValue<int>().Should().Be(1, "the smallest maximum of the categories");

        var update = new
        {
            AuthorizationToken = token,
            Type = "CREATE",
            Listings = new object[]
            {
                new
                {
                    TemplateId = "2",
                    SKU = "BOOT-1",
                    Title = "Walking boot",
                    Quantity = 5,
                    Price = 59.99m,
                    Variations = new object[] { new { SKU = "BOOT-1-42", Title = "Boot 42", Quantity = 2, Price = 59.99m }, new { SKU = "BOOT-1-43", Quantity = 3 } },
                },
                new { TemplateId = 2, SKU = "MUG-1", Title = "Mug", Quantity = 9, Price = 7.5m },
            },
        };
        var feedId = (await _linnworks.PostJson("/api/Listing/ListingUpdate", update)).Body["ChannelFeedId"]!.GetValue<string>();
        (await _linnworks.PostJson("/api/Listing/ListingUpdate", update)).Body["ChannelFeedId"]!.GetValue<string>().Should().Be(feedId, "a retried batch is the same feed");

        var jobs = (await platform.GetFromJsonAsync<JsonObject>($"/api/channel/v1/stores/{storeId}/updates"))!["Updates"]!.AsArray();
        jobs.Select(j => (j!["Type"]!.GetValue<string>(), j["Reference"]!.GetValue<string>())).Should().Equal(("ListingCreate", "BOOT-1"), ("ListingCreate", "MUG-1"));
        jobs[0]!["Payload"]!["ChannelFeedId"]!.GetValue<string>().Should().Be(feedId);
        jobs[0]!["Payload"]!["Listing"]!["Variations"]!.AsArray().Should().HaveCount(2, "the listing as Linnworks sent it");
        (await CheckFeed(token, feedId))["IsFeedReady"]!.GetValue<bool>().Should().BeFalse();

        var report = new
        {
            ChannelFeedId = feedId,
            Results = new object[]
            {
                new
                {
                    SKU = "BOOT-1", ExternalListingId = "987654", URL = "https://shop.example.com/l/987654",
                    Messages = new[] { new { ProductFeedMessageType = "Warning", Message = "No brand given" } },
                    ChannelReferences = new[] { new { SKU = "BOOT-1-42", Reference = "987654-42" }, new { SKU = "BOOT-1-43", Reference = "987654-43" } },
                },
            },
        };
        (await platform.PostJson($"/api/channel/v1/stores/{storeId}/listing-results", report)).Body["Results"]![0]!["Status"]!.GetValue<string>().Should().Be("Recorded");
        (await platform.PostJson($"/api/channel/v1/stores/{storeId}/listing-results", report)).Body["Results"]![0]!["Status"]!.GetValue<string>().Should().Be("Unchanged");
        (await CheckFeed(token, feedId))["IsFeedReady"]!.GetValue<bool>().Should().BeFalse("MUG-1 is not reported yet");
        var last = (await platform.PostJson($"/api/channel/v1/stores/{storeId}/listing-results", new
        {
            ChannelFeedId = feedId,
            Results = new[] { new { SKU = "MUG-1", ExternalListingId = "MUG-LISTING-A", ChannelReferences = new[] { new { SKU = "MUG-1", Reference = "A-MUG" } } } },
        })).Body;
        last["IsFeedReady"]!.GetValue<bool>().Should().BeTrue();

        var ready = await CheckFeed(token, feedId);
        ready["IsFeedReady"]!.GetValue<bool>().Should().BeTrue();
        var feeds = ready["ProductFeeds"]!.AsArray();
        feeds[0]!["ExternalListingId"]!.GetValue<long>().Should().Be(987654, "an all-digit id is sent as the Integer the docs type it");
        feeds[1]!["ExternalListingId"]!.GetValue<string>().Should().Be("MUG-LISTING-A");
        feeds[0]!["TemplateId"]!.GetValue<int>().Should().Be(2);
        feeds[0]!["Messages"]![0]!["ProductFeedMessageType"]!.GetValue<int>().Should().Be(2);
        var references = feeds.SelectMany(f => f!["ChannelReferences"]!.AsArray()).ToDictionary(r => r!["SKU"]!.GetValue<string>(), r => r!["Reference"]!.GetValue<string>());
        var products = (await _linnworks.PostJson("/api/Product/Products", new { AuthorizationToken = token, PageNumber = 1 })).Body["Products"]!.AsArray()
            .ToDictionary(p => p!["SKU"]!.GetValue<string>(), p => p!["Reference"]!.GetValue<string>());
        products.Should().BeEquivalentTo(references, "CheckFeed's references are what Products reports");

        var deleteFeed = (await _linnworks.PostJson("/api/Listing/ListingDelete", new
        {
            AuthorizationToken = token,
            ExternalListingIds = new[] { new { ChannelSKU = "MUG-1", ExternalListingId = "MUG-LISTING-A", TemplateId = "2" } },
        })).Body["ChannelFeedId"]!.GetValue<string>();
        (await _linnworks.PostJson("/api/Product/Products", new { AuthorizationToken = token, PageNumber = 1 })).Body["Products"]!.AsArray().Should().HaveCount(3, "not removed before the platform confirms");
        await platform.PostJson($"/api/channel/v1/stores/{storeId}/listing-results", new { ChannelFeedId = deleteFeed, Results = new[] { new { SKU = "MUG-1" } } });
        (await _linnworks.PostJson("/api/Product/Products", new { AuthorizationToken = token, PageNumber = 1 })).Body["Products"]!.AsArray()
            .Select(p => p!["SKU"]!.GetValue<string>()).Should().BeEquivalentTo("BOOT-1-42", "BOOT-1-43");
        (await CheckFeed(token, deleteFeed))["IsFeedReady"]!.GetValue<bool>().Should().BeTrue();
    }

    [Fact]
    public async Task LargeJobs_AreReadFromTheFeedAFewMegabytesAtATime_NoneLeftOut()
    {
        await UploadCatalog();
        var (token, storeId, key) = await factory.Integrate();
        var platform = factory.ChannelClient(key);
        var large = new string('b', 3_000_000);
        foreach (var sku in new[] { "BIG-1", "BIG-2", "BIG-3" })
        {
            var listing = new { SKU = sku, Title = "Boot", Quantity = 1, Price = 5m, Attributes = new[] { new { AttributeID = "Brand", AttributeValue = large } } };
            (await _linnworks.PostJson("/api/Listing/ListingUpdate", new { AuthorizationToken = token, Type = "CREATE", Listings = new[] { listing } })).Body["Error"].Should().BeNull();
        }

        var read = new List<string>();
        long? after = 0;
        for (var page = 0; page < 5 && read.Count < 3; page++)
        {
            var body = (await platform.GetFromJsonAsync<JsonObject>($"/api/channel/v1/stores/{storeId}/updates?after={after}&limit=1000"))!;
            var updates = body["Updates"]!.AsArray();
            updates.Should().ContainSingle("each job is 3 MB, and a page stops once its payloads pass 4 MB (it always holds one)");
            updates[0]!["Payload"]!["Listing"]!["Attributes"]![0]!["AttributeValue"]!.GetValue<string>().Should().HaveLength(large.Length);
            read.Add(updates[0]!["Reference"]!.GetValue<string>());
            after = body["NextCursor"]!.GetValue<long>();
        }

        read.Should().Equal("BIG-1", "BIG-2", "BIG-3");
        (await platform.GetFromJsonAsync<JsonObject>($"/api/channel/v1/stores/{storeId}/updates?after={after}"))!["Updates"]!.AsArray().Should().BeEmpty();
    }

    [Fact]
    public async Task ADescriptionLongerThanTheChannelsMaxDescriptionLength_IsAnsweredWithAnError_AndNotSentToThePlatform()
    {
        await UploadCatalog(); // MaxDescriptionLength 5000
        var (token, storeId, key) = await factory.Integrate();

        var feedId = (await _linnworks.PostJson("/api/Listing/ListingUpdate", new
        {
            AuthorizationToken = token,
            Type = "UPDATE",
            Listings = new object[]
            {
                new { SKU = "AT-LIMIT", Title = "Mug", Description = new string('d', 5000), Quantity = 1 },
                new { SKU = "PAST-LIMIT", Title = "Mug", Description = new string('d', 5001), Quantity = 1 },
            },
        })).Body["ChannelFeedId"]!.GetValue<string>();

        var platform = factory.ChannelClient(key);
        var jobs = (await platform.GetFromJsonAsync<JsonObject>($"/api/channel/v1/stores/{storeId}/updates"))!["Updates"]!.AsArray();
        jobs.Select(j => j!["Reference"]!.GetValue<string>()).Should().Equal(["AT-LIMIT"], "only the listing within the limit goes to the platform");
        await platform.PostJson($"/api/channel/v1/stores/{storeId}/listing-results", new { ChannelFeedId = feedId, Results = new[] { new { SKU = "AT-LIMIT", ExternalListingId = "L-1" } } });
        var past = (await CheckFeed(token, feedId))["ProductFeeds"]!.AsArray().Single(f => f!["SKU"]!.GetValue<string>() == "PAST-LIMIT")!;
        past["Messages"]![0]!["ProductFeedMessageType"]!.GetValue<int>().Should().Be(1, "an Error");
        past["Messages"]![0]!["Message"]!.GetValue<string>().Should().Be("Description is longer than this channel's 5000 characters (MaxDescriptionLength).");
    }

    [Fact]
    public async Task AnExternalListingId_IsSentAsANumberOnlyWhenItIsWrittenAsOne_SoLinnworksSendsBackTheIdThePlatformGave()
    {
        await UploadCatalog();
        var (token, storeId, key) = await factory.Integrate();
        string[] ids = ["007", "0", "18446744073709551616", "+12", "12 345", "9223372036854775807"];
        var feedId = (await _linnworks.PostJson("/api/Listing/ListingUpdate", new
        {
            AuthorizationToken = token,
            Type = "CREATE",
            Listings = ids.Select((_, i) => new { SKU = $"ID-{i}", Title = "Mug", Quantity = 1 }),
        })).Body["ChannelFeedId"]!.GetValue<string>();
        await factory.ChannelClient(key).PostJson($"/api/channel/v1/stores/{storeId}/listing-results", new
        {
            ChannelFeedId = feedId,
            Results = ids.Select((id, i) => new { SKU = $"ID-{i}", ExternalListingId = id }),
        });

        var sent = (await CheckFeed(token, feedId))["ProductFeeds"]!.AsArray().Select(f => f!["ExternalListingId"]!)
            .Select(id => id.GetValueKind() == JsonValueKind.Number ? $"number {id.ToJsonString()}" : $"text {id.GetValue<string>()}");
        sent.Should().Equal(["text 007", "number 0", "text 18446744073709551616", "text +12", "text 12 345", "number 9223372036854775807"],
            "a leading zero, a sign, a space or a size no Integer holds would be lost in a number");
    }

    [Fact]
    public async Task UnreadableListings_AreReportedAtOnce_AndNeverSentToThePlatform()
    {
        await UploadCatalog();
        var (token, storeId, key) = await factory.Integrate();

        var feedId = (await _linnworks.PostJson("/api/Listing/ListingUpdate", new
        {
            AuthorizationToken = token,
            Type = 0,
            Listings = new object?[] { new { SKU = "", Title = "No SKU" }, new { SKU = "NO-TITLE", Quantity = 1 } },
        })).Body["ChannelFeedId"]!.GetValue<string>();

        (await factory.ChannelClient(key).GetFromJsonAsync<JsonObject>($"/api/channel/v1/stores/{storeId}/updates"))!["Updates"]!.AsArray().Should().BeEmpty();
        var check = await CheckFeed(token, feedId);
        check["IsFeedReady"]!.GetValue<bool>().Should().BeTrue();
        check["ProductFeeds"]!.AsArray().Select(f => f!["Messages"]![0]!["Message"]!.GetValue<string>()).Should().Equal("SKU is required.", "Title is required.");
    }

    [Fact]
    public async Task APriceQuantityOrTemplateThatCannotBeRead_IsAnError_NotAListingAtAnotherPrice()
    {
        await UploadCatalog();
        var (token, storeId, key) = await factory.Integrate();
        var feedId = (await _linnworks.PostJson("/api/Listing/ListingUpdate", new
        {
            AuthorizationToken = token,
            Type = "CREATE",
            Listings = new object[]
            {
                new { SKU = "COMMA", Title = "Mug", Price = "19,99", Quantity = 1 },
                new { SKU = "WORD", Title = "Mug", Price = 5, Quantity = "many" },
                new { SKU = "VARIED", Title = "Mug", Price = 5, Variations = new object[] { new { SKU = "VARIED-1", Price = true, Quantity = 2.5 } } },
                new { SKU = "TEMPLATE", Title = "Mug", Price = 5, Quantity = 1, TemplateId = "first" },
                new { SKU = "EXPONENT", Title = "Mug", Price = JsonNode.Parse("1.5E1"), Quantity = " 3" },
                new { SKU = "WHOLE", Title = "Mug", Price = 5, Quantity = JsonNode.Parse("4.0") },
            },
        })).Body["ChannelFeedId"]!.GetValue<string>();
        var platform = factory.ChannelClient(key);
        (await platform.GetFromJsonAsync<JsonObject>($"/api/channel/v1/stores/{storeId}/updates"))!["Updates"]!.AsArray()
            .Select(j => j!["Reference"]!.GetValue<string>()).Should().Equal(["EXPONENT", "WHOLE"], "only the listings whose values can be read go to the platform (4.0 is a whole number)");
        await platform.PostJson($"/api/channel/v1/stores/{storeId}/listing-results", new
        {
            ChannelFeedId = feedId,
            Results = new[] { new { SKU = "EXPONENT", ExternalListingId = "E-1" }, new { SKU = "WHOLE", ExternalListingId = "W-1" } },
        });

        (await CheckFeed(token, feedId))["ProductFeeds"]!.AsArray().Select(f => (f!["SKU"]!.GetValue<string>(), f["Messages"]!.AsArray().Select(m => m!["Message"]!.GetValue<string>()).SingleOrDefault()))
            .Should().Equal(("COMMA", "Price is not a number."), ("WORD", "Quantity is not a whole number."),
                ("VARIED", "Variation 'VARIED-1': Quantity is not a whole number. Variation 'VARIED-1': Price is not a number."),
                ("TEMPLATE", "TemplateId is not a whole number."), ("EXPONENT", null), ("WHOLE", null));
        var products = (await _linnworks.PostJson("/api/Product/Products", new { AuthorizationToken = token, PageNumber = 1 })).Body["Products"]!.AsArray();
        products.Select(p => (p!["SKU"]!.GetValue<string>(), p["Price"]!.GetValue<decimal>(), p["Quantity"]!.GetValue<int>())).Should().BeEquivalentTo([("EXPONENT", 15m, 3), ("WHOLE", 5m, 4)]);
    }

    [Fact]
    public async Task AStoreHoldingItsLimitOfListingJobs_IsRefusedTheNextBatch_AndNothingOfItIsStored()
    {
        // One store owner with its integration's token stored 2 GB of listing jobs in 20 seconds before the limit.
        await UploadCatalog();
        var (token, storeId, key) = await factory.Integrate();
        using var limited = factory.WithWebHostBuilder(b => b.UseSetting("Listings:MaxListingJobCharsPerStore", "1000"));
        var linnworks = limited.CreateClient();
        static object Update(string token, string sku) => new
        {
            AuthorizationToken = token, Type = "CREATE",
            Listings = new[] { new { SKU = sku, Title = "Boot", Quantity = 1, Price = 5m, Attributes = new[] { new { AttributeID = "Brand", AttributeValue = new string('b', 600) } } } },
        };

        (await linnworks.PostJson("/api/Listing/ListingUpdate", Update(token, "JOB-1"))).Body["Error"].Should().BeNull("the store held nothing");
        var refused = (await linnworks.PostJson("/api/Listing/ListingUpdate", Update(token, "JOB-2"))).Body;

        refused["Error"]!.GetValue<string>().Should().Contain("limit of 1000 characters of listing jobs").And.Contain("Listings:MaxListingJobCharsPerStore");
        refused["ChannelFeedId"]!.GetValue<string>().Should().BeEmpty();
        (await factory.ChannelClient(key).GetFromJsonAsync<JsonObject>($"/api/channel/v1/stores/{storeId}/updates"))!["Updates"]!.AsArray()
            .Select(u => u!["Reference"]!.GetValue<string>()).Should().Equal("JOB-1");
        var (other, _, _) = await factory.Integrate();
        (await linnworks.PostJson("/api/Listing/ListingUpdate", Update(other, "JOB-1"))).Body["Error"].Should().BeNull("another store holds its own");
    }

    [Fact]
    public async Task UnknownFeeds_AndUnknownSkus_AreRefused()
    {
        await UploadCatalog();
        var (token, storeId, key) = await factory.Integrate();
        var platform = factory.ChannelClient(key);

        (await CheckFeed(token, "lf_nope"))["Error"]!.GetValue<string>().Should().Be("Unknown ChannelFeedId 'lf_nope'.");
        (await platform.PostAsJsonAsync($"/api/channel/v1/stores/{storeId}/listing-results", new { ChannelFeedId = "lf_nope", Results = new[] { new { SKU = "A" } } }))
            .StatusCode.Should().Be(HttpStatusCode.NotFound);

        var (_, otherStore, otherKey) = await factory.Integrate();
        var otherFeed = (await _linnworks.PostJson("/api/Listing/ListingUpdate", new { AuthorizationToken = token, Type = "UPDATE", Listings = new[] { new { SKU = "X-1", Title = "X" } } })).Body["ChannelFeedId"]!.GetValue<string>();
        (await factory.ChannelClient(otherKey).PostAsJsonAsync($"/api/channel/v1/stores/{otherStore}/listing-results", new { ChannelFeedId = otherFeed, Results = new[] { new { SKU = "X-1" } } }))
            .StatusCode.Should().Be(HttpStatusCode.NotFound, "another store's feed does not exist for this store");
        var conflicting = (await platform.PostJson($"/api/channel/v1/stores/{storeId}/listing-results", new
        {
            ChannelFeedId = otherFeed,
            Results = new object[] { new { SKU = "X-1" }, new { SKU = "X-1", Messages = new[] { new { ProductFeedMessageType = 1, Message = "Refused" } } } },
        })).Body["Results"]!.AsArray();
        conflicting.Select(r => r!["Status"]!.GetValue<string>()).Should().Equal("Recorded", "Rejected");
    }

    [Fact]
    public async Task Categories_ArePagedStably_WhileTheOperatorReplacesThem()
    {
        var (token, _, _) = await factory.Integrate();
        await _operator.PutJson("/api/channel/v1/listing/categories", new { Categories = Enumerable.Range(1, 250).Select(i => new { CategoryId = i, CategoryName = $"Old {i}" }) });

        var page1 = (await _linnworks.PostJson("/api/Listing/GetCategories", new { AuthorizationToken = token, PageNumber = 1 })).Body;
        await _operator.PutJson("/api/channel/v1/listing/categories", new { Categories = Enumerable.Range(1, 10).Select(i => new { CategoryId = 1000 + i, CategoryName = $"New {i}" }) });
        var page2 = (await _linnworks.PostJson("/api/Listing/GetCategories", new { AuthorizationToken = token, PageNumber = 2 })).Body;
        var page3 = (await _linnworks.PostJson("/api/Listing/GetCategories", new { AuthorizationToken = token, PageNumber = 3 })).Body;
        var nextRun = (await _linnworks.PostJson("/api/Listing/GetCategories", new { AuthorizationToken = token, PageNumber = 1 })).Body;

        new[] { page1, page2, page3 }.Select(p => (p["Categories"]!.AsArray().Count, p["HasMorePages"]!.GetValue<bool>())).Should().Equal((100, true), (100, true), (50, false));
        page3["Categories"]![49]!["CategoryName"]!.GetValue<string>().Should().Be("Old 250", "a run finishes on the version it started on");
        nextRun["Categories"]!.AsArray().Should().HaveCount(10);
    }

    [Fact]
    public async Task TheOperatorsUploads_AreValidated_AndOnlyTheOperatorMayMakeThem()
    {
        var (_, _, storeKey) = await factory.Integrate();

        var bad = await _operator.PutAsJsonAsync("/api/channel/v1/listing/settings", new { Settings = new[] { new { GroupName = "GENERAL", ConfigItemId = "", FriendlyName = "x" } } });
        var duplicate = await _operator.PutAsJsonAsync("/api/channel/v1/listing/categories", new { Categories = new[] { new { CategoryId = 1, CategoryName = "A" }, new { CategoryId = 1, CategoryName = "B" } } });
        var byStore = await factory.ChannelClient(storeKey).PutAsJsonAsync("/api/channel/v1/listing/categories", new { Categories = new[] { new { CategoryId = 1, CategoryName = "A" } } });

        bad.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        duplicate.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await duplicate.Content.ReadAsStringAsync()).Should().Contain("Every CategoryId must be unique.");
        byStore.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    private async Task<JsonObject> CheckFeed(string token, string feedId) =>
        (await _linnworks.PostJson("/api/Listing/CheckFeed", new { AuthorizationToken = token, ChannelFeedId = feedId })).Body;

    private async Task UploadCatalog()
    {
        (await _operator.PutJson("/api/channel/v1/listing/settings", new
        {
            Settings = new[] { new { GroupName = "GENERAL", ConfigItemId = "Condition", FriendlyName = "Condition", ExpectedType = "LIST", ValueOptions = new[] { "New", "Used" }, ValueFromOptionsList = true } },
            MaxDescriptionLength = 5000,
            ImageSettings = new { Type = "CountTogether", MaxImages = 8 },
            IsVariationsAllowed = true,
        })).Response.StatusCode.Should().Be(HttpStatusCode.OK);
        await _operator.PutJson("/api/channel/v1/listing/categories", new { Categories = new[] { new { CategoryId = 17, CategoryName = "Boots" }, new { CategoryId = 18, CategoryName = "Flip-flops" } } });
        await _operator.PutJson("/api/channel/v1/listing/categories/17/attributes", new { Attributes = new object[] { new { ID = "Brand", FriendlyName = "Brand", MustBeSpecified = 1 }, new { ID = "Size", FriendlyName = "Size", AttribueReadFrom = "Child" } } });
        await _operator.PutJson("/api/channel/v1/listing/categories/17/variations", new { MaxVariationAttributes = 2, NeededVariations = new[] { new { VariationName = "Size", Description = "Shoe size" } } });
        await _operator.PutJson("/api/channel/v1/listing/categories/18/variations", new { MaxVariationAttributes = 1, NeededVariations = Array.Empty<object>() });
    }
}

/// <summary>The service as it runs on SQLite.</summary>
public sealed class ListingToolTests(ApiFactory factory) : ListingToolContract(factory), IClassFixture<ApiFactory>;

/// <summary>The same with the service's writes sent in batches, as on SQL Server (ADR-045, <see cref="BatchingApiFactory"/>).</summary>
public sealed class ListingToolWithBatchesTests(BatchingApiFactory factory) : ListingToolContract(factory), IClassFixture<BatchingApiFactory>;
