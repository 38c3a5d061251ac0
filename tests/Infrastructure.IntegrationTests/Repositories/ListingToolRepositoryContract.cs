using ChannelBridge.Application.ListingTool;
using ChannelBridge.Domain.ListingFeeds;
using ChannelBridge.Domain.Listings;
using ChannelBridge.Domain.Orders;
using ChannelBridge.Domain.Stores;
using ChannelBridge.Infrastructure.Persistence.Listings;

namespace ChannelBridge.Infrastructure.IntegrationTests.Repositories;

/// <summary>Listing feeds and the listing catalog, on every provider.</summary>
public abstract class ListingToolRepositoryContract(DatabaseFixture database)
{
    private static readonly DateTime Now = new(2026, 11, 25, 10, 0, 0, DateTimeKind.Utc);

    private ListingFeedRepository Feeds => new(database.CallConnections, TimeProvider.System);

    private ListingCatalogRepository Catalog => new(database.CallConnections, database.Pager, TimeProvider.System);

    [SkippableFact]
    public async Task AFeed_RoundTrips_RecordsEachResultOnce_AndItsListingsLandWithIt()
    {
        Skip.If(database.SkipReason is not null, database.SkipReason);
        var (store, _) = Store.Create("Feeds " + Guid.NewGuid().ToString("N")[..6], Now).Value;
        await database.Stores.SaveAsync(store, default);
        var feed = ListingFeed.Create(store.Id, "integration", ListingFeedKind.Create, new string('d', 64),
            [new ListingFeedItem(0, "SKU-A", null, 1, """{"SKU":"SKU-A"}""", null), new ListingFeedItem(1, "SKU-B", "7", 2, """{"SKU":"SKU-B"}""", """{"Messages":[]}""")], Now).Value;
        var job = new StoreUpdate(0, store.Id, StoreUpdateTypes.ListingCreate, Now, $$$"""{"ChannelFeedId":"{{{feed.FeedId}}}","SKU":"SKU-A","Listing":{}}""", "job-a");

        await Feeds.SaveNewAsync(feed, [job], default);
        var loaded = (await Feeds.FindByDedupKeyAsync(store.Id, new string('d', 64), default))!;
        loaded.Report("SKU-A", """{"Messages":[]}""").Value.Should().BeTrue();
        var listing = Listing.Create(store.Id, Listing.Validate("SKU-A", "Mug", 1, 2.5m, "REF-A").Value, Now);
        await Feeds.SaveResultsAsync(loaded, [loaded.Items[0]], [listing], [], default);
        var again = (await Feeds.GetAsync(store.Id, feed.FeedId, default))!;
        var stale = () => Feeds.SaveResultsAsync(loaded, [loaded.Items[0]], [], [], default);

        again.IsReady.Should().BeTrue();
        again.Items.Select(i => (i.SKU, i.ExternalListingId, i.TemplateId)).Should().Equal(("SKU-A", null, 1), ("SKU-B", "7", 2));
        (await database.Listings.GetBySkusAsync(store.Id, ["SKU-A"], default))["SKU-A"].Reference.Should().Be("REF-A");
        (await database.Feed.ReadAsync(store.Id, 0, 10, default)).Single().Reference.Should().Be("SKU-A");
        await stale.Should().ThrowAsync<Domain.Common.ConcurrencyConflictException>("a result is recorded once");
        (await Feeds.GetAsync("another-store", feed.FeedId, default)).Should().BeNull();

        // The store's count of listings (ADR-039) follows a listing the platform reports made, and one it reports deleted.
        (await database.Listings.CountAsync(store.Id, default)).Should().Be(1);
        await Feeds.SaveResultsAsync(again, [], [], ["SKU-A", "SKU-NEVER-LISTED"], default);
        (await database.Listings.CountAsync(store.Id, default)).Should().Be(0);
    }

    [SkippableFact]
    public async Task Feeds_ReportedInFullAndPastTheRetention_AreDeletedWithTheirJobs_OthersKept()
    {
        Skip.If(database.SkipReason is not null, database.SkipReason);
        var (store, _) = Store.Create("Old feeds " + Guid.NewGuid().ToString("N")[..6], Now).Value;
        await database.Stores.SaveAsync(store, default);
        var done = await SavedFeed(store.Id, Now.AddDays(-31), reported: true);
        var waiting = await SavedFeed(store.Id, Now.AddDays(-31), reported: false);
        var recent = await SavedFeed(store.Id, Now.AddDays(-29), reported: true);

        var pruned = await Pruner(retentionDays: 30).PruneAsync(default, batchSize: 1);

        pruned.Should().Be(1);
        (await Feeds.GetAsync(store.Id, done, default)).Should().BeNull("reported in full 31 days ago");
        (await Feeds.GetAsync(store.Id, waiting, default)).Should().NotBeNull("a job is still waiting for the platform's report");
        (await Feeds.GetAsync(store.Id, recent, default)).Should().NotBeNull("within the 30 days");
        await using var connection = await database.Connections.OpenAsync(default);
        (await Dapper.SqlMapper.ExecuteScalarAsync<int>(connection, "SELECT COUNT(*) FROM ListingFeedItems WHERE FeedId = @FeedId", new { FeedId = done })).Should().Be(0);
        (await Pruner(retentionDays: 0).PruneAsync(default)).Should().Be(0, "0 keeps every feed");
        (await Feeds.GetAsync(store.Id, recent, default)).Should().NotBeNull();
    }

    [SkippableFact]
    public async Task Categories_AreVersioned_AndARunKeepsItsVersion()
    {
        Skip.If(database.SkipReason is not null, database.SkipReason);
        var integration = Guid.NewGuid().ToString("N");
        await Catalog.ReplaceCategoriesAsync([.. Enumerable.Range(1, 5).Select(i => new CategoryDto { CategoryId = i, CategoryName = $"Old {i}" })], default);

        var first = await Catalog.GetCategoryPageAsync(integration, 1, 2, default);
        await Catalog.ReplaceCategoriesAsync([new CategoryDto { CategoryId = 99, CategoryName = "New" }], default);
        var second = await Catalog.GetCategoryPageAsync(integration, 2, 2, default);
        var third = await Catalog.GetCategoryPageAsync(integration, 3, 2, default);
        var restarted = await Catalog.GetCategoryPageAsync(integration, 1, 2, default);

        first.Categories.Select(c => c.CategoryId).Should().Equal(1, 2);
        second.Categories.Select(c => c.CategoryId).Should().Equal(3, 4);
        (third.Categories.Select(c => c.CategoryId).Single(), third.HasMorePages).Should().Be((5, false));
        restarted.Categories.Select(c => c.CategoryName).Should().Equal("New");
        (await Catalog.GetCategoriesAsync(default)).Should().ContainSingle();
    }

    [SkippableFact]
    public async Task AStoresListingJobCharacters_GrowWithItsFeedsAndTheirFeedEntries_AndShrinkAsEachIsDeleted()
    {
        Skip.If(database.SkipReason is not null, database.SkipReason);
        var (store, _) = Store.Create("Job characters " + Guid.NewGuid().ToString("N")[..6], Now).Value;
        await database.Stores.SaveAsync(store, default);
        // Unescaped, as Linnworks sends a listing's title: a character past U+FFFF (two UTF-16 units, one character in
        // SQLite's UTF-8) and a lone surrogate.
        var listing = "{\"SKU\":\"SKU-A\",\"Title\":\"Walking boot \U0001F525 \uD834\"}";
        var feed = ListingFeed.Create(store.Id, "integration", ListingFeedKind.Create, Guid.NewGuid().ToString("N"),
            [new ListingFeedItem(0, "SKU-A", null, 1, listing, """{"Messages":[]}""")], Now.AddDays(-40)).Value;
        var payload = $$"""{"ChannelFeedId":"{{feed.FeedId}}","SKU":"SKU-A","Listing":{{listing}}}""";

        await Feeds.SaveNewAsync(feed, [new StoreUpdate(0, store.Id, StoreUpdateTypes.ListingCreate, Now.AddDays(-40), payload, "job-a")], default);

        var held = await Feeds.GetJobCharsAsync(store.Id, default);
        held.Should().Be(await MeasuredAsync("SELECT SUM(/*LENGTH*/(i.ListingJson)) FROM ListingFeedItems i JOIN ListingFeeds f ON f.FeedId = i.FeedId WHERE f.StoreId = @StoreId", store.Id)
            + await MeasuredAsync("SELECT SUM(/*LENGTH*/(Payload)) FROM StoreUpdates WHERE StoreId = @StoreId", store.Id), "what the database holds, measured as the deletes measure it");
        (await Pruner(retentionDays: 30).PruneAsync(default)).Should().BeGreaterThan(0);
        var afterPrune = await Feeds.GetJobCharsAsync(store.Id, default);
        afterPrune.Should().Be(await MeasuredAsync("SELECT SUM(/*LENGTH*/(Payload)) FROM StoreUpdates WHERE StoreId = @StoreId", store.Id), "the feed is deleted; its entry on the updates feed is not yet");
        afterPrune.Should().BeInRange(1, held - 1);
        var entry = (await database.Feed.ReadAsync(store.Id, 0, 10, default)).Should().ContainSingle().Subject;
        await database.Feed.AcknowledgeAsync(store.Id, entry.Cursor, default);
        var data = new Persistence.PersonalData.PersonalDataRepository(database.Connections, TimeProvider.System);
        (await data.DeleteDeliveredFeedAsync(store.Id, Now.AddDays(-30), 100, default)).Should().Be(1);
        (await Feeds.GetJobCharsAsync(store.Id, default)).Should().Be(0, "nothing is held, and nothing is left counted");
    }

    /// <summary>A statement's one number, <c>/*LENGTH*/</c> rendered as this provider's.</summary>
    private async Task<long> MeasuredAsync(string sql, string storeId)
    {
        await using var connection = await database.Connections.OpenAsync(default);
        return await Dapper.SqlMapper.ExecuteScalarAsync<long>(connection, Persistence.SqlDialect.For(database.Connections.Provider).Render(sql), new { StoreId = storeId });
    }

    private Persistence.Maintenance.ListingFeedPruner Pruner(int retentionDays) => new(
        database.Connections, Microsoft.Extensions.Options.Options.Create(new Application.Listings.ListingsOptions { FeedRetentionDays = retentionDays }),
        new ChannelBridge.Tests.FixedClock(Now), Microsoft.Extensions.Logging.Abstractions.NullLogger<Persistence.Maintenance.ListingFeedPruner>.Instance);

    /// <summary>A ListingUpdate feed of two jobs made at <paramref name="created"/>, both reported or the second not yet.</summary>
    private async Task<string> SavedFeed(string storeId, DateTime created, bool reported)
    {
        var feed = ListingFeed.Create(storeId, "integration", ListingFeedKind.Update, Guid.NewGuid().ToString("N"),
            [new ListingFeedItem(0, "SKU-A", "1", 1, """{"SKU":"SKU-A"}""", """{"Messages":[]}"""), new ListingFeedItem(1, "SKU-B", "2", 1, """{"SKU":"SKU-B"}""", reported ? """{"Messages":[]}""" : null)],
            created).Value;
        await Feeds.SaveNewAsync(feed, [], default);
        return feed.FeedId;
    }

    [SkippableFact]
    public async Task Documents_AreReplacedWhole()
    {
        Skip.If(database.SkipReason is not null, database.SkipReason);
        await Catalog.SaveDocumentAsync(ListingDocumentKind.Attributes, "17", """{"Attributes":[1]}""", default);
        await Catalog.SaveDocumentAsync(ListingDocumentKind.Attributes, "17", """{"Attributes":[2]}""", default);
        await Catalog.SaveDocumentAsync(ListingDocumentKind.Attributes, "18", """{"Attributes":[3]}""", default);

        (await Catalog.GetDocumentAsync(ListingDocumentKind.Attributes, "17", default)).Should().Be("""{"Attributes":[2]}""");
        (await Catalog.GetDocumentsAsync(ListingDocumentKind.Attributes, ["17", "18", "19"], default)).Should().HaveCount(2);
        (await Catalog.GetDocumentAsync(ListingDocumentKind.Variations, "17", default)).Should().BeNull();
    }
}

public sealed class SqliteListingToolRepositoryTests(SqliteDatabaseFixture database) : ListingToolRepositoryContract(database), IClassFixture<SqliteDatabaseFixture>;

/// <summary>The same on SQLite with its writes sent in batches, as on SQL Server (<see cref="SqliteBatchingDatabaseFixture"/>).</summary>
public sealed class SqliteBatchedListingToolRepositoryTests(SqliteBatchingDatabaseFixture database)
    : ListingToolRepositoryContract(database), IClassFixture<SqliteBatchingDatabaseFixture>;

[Trait("Category", "Docker")]
public sealed class SqlServerListingToolRepositoryTests(SqlServer.SqlServerDatabaseFixture database) : ListingToolRepositoryContract(database), IClassFixture<SqlServer.SqlServerDatabaseFixture>;
