using ChannelBridge.Domain.Common;
using ChannelBridge.Domain.Listings;
using ChannelBridge.Domain.Orders;
using ChannelBridge.Domain.Stores;

namespace ChannelBridge.Infrastructure.IntegrationTests.Repositories;

/// <summary>Listings and their feed entries, and Products paging, on every provider.</summary>
public abstract class ListingRepositoryContract(DatabaseFixture database)
{
    private static readonly DateTime Now = new(2026, 11, 25, 10, 0, 0, DateTimeKind.Utc);

    [SkippableFact]
    public async Task TheStoresListingCount_FollowsItsNewAndDeletedListings_NotChanges_NorABatchThatFailed()
    {
        Skip.If(database.SkipReason is not null, database.SkipReason);
        var (storeId, other) = (await NewStore(), await NewStore());
        Listing New(string sku) => Listing.Create(storeId, Listing.Validate(sku, "Mug", 1, 1m, null).Value, Now);
        await database.Listings.SaveAsync([New("LC-A"), New("LC-B"), New("LC-C")], [], default);
        var changed = (await database.Listings.GetBySkusAsync(storeId, ["LC-A"], default))["LC-A"];
        changed.Replace(Listing.Validate("LC-A", "Cup", 2, 1m, null).Value, Now);
        await database.Listings.SaveAsync([changed, New("LC-D")], [], default);
        (await database.Listings.CountAsync(storeId, default)).Should().Be(4);

        (await database.Listings.DeleteAsync(storeId, ["LC-B"], default)).Should().Equal("LC-B");
        (await database.Listings.DeleteAsync(storeId, ["LC-B"], default)).Should().BeEmpty();
        await FluentActions.Awaiting(() => database.Listings.SaveAsync([New("LC-E"), New("LC-C")], [], default)).Should().ThrowAsync<ConcurrencyConflictException>();

        (await database.Listings.CountAsync(storeId, default)).Should().Be(3, "four made, one deleted, and the failed batch's new one taken back with it");
        (await database.Listings.CountAsync(other, default)).Should().Be(0);
    }

    [SkippableFact]
    public async Task Listings_RoundTrip_WithExactPrices()
    {
        Skip.If(database.SkipReason is not null, database.SkipReason);
        var storeId = await NewStore();
        var listing = Listing.Create(storeId, Listing.Validate("A", "Mug", 5, 9.99m, "R-A").Value, Now);
        var noPrice = Listing.Create(storeId, Listing.Validate("B", "Cup", 0, null, null).Value, Now);

        await database.Listings.SaveAsync([listing, noPrice], [], default);
        var loaded = await database.Listings.GetBySkusAsync(storeId, ["A", "B", "Z"], default);

        loaded.Keys.Should().BeEquivalentTo("A", "B");
        loaded["A"].Price.Should().Be(9.99m);
        loaded["A"].Price.ToString().Should().Be("9.99");
        loaded["A"].Reference.Should().Be("R-A");
        loaded["A"].Version.Should().Be(1);
        loaded["B"].Price.Should().BeNull();
    }

    [SkippableFact]
    public async Task Listings_AreFoundByExactSku_WhateverCharactersTheSkuHas_AndInLargeSets()
    {
        Skip.If(database.SkipReason is not null, database.SkipReason);
        var storeId = await NewStore();
        string[] odd = ["q\"uote", "back\\slash", "Zoë-日本", "tab\tsep", "%_like", "case", "CASE", "emoji😀"];
        var many = Enumerable.Range(0, 1200).Select(i => $"N{i:D5}").ToArray();
        await database.Listings.SaveAsync([.. odd.Concat(many).Select(sku => Listing.Create(storeId, Listing.Validate(sku, "T", 1, 1m, null).Value, Now))], [], default);

        var found = await database.Listings.GetBySkusAsync(storeId, [.. odd, .. many, "Case", "missing"], default);

        found.Keys.Should().BeEquivalentTo(odd.Concat(many), "each key is matched exactly (case too), across more keys than one statement takes on SQL Server");
    }

    [SkippableFact]
    public async Task Listings_DuplicateSkuOrStaleVersion_Conflict_AndUpdatesLandWithTheirListing()
    {
        Skip.If(database.SkipReason is not null, database.SkipReason);
        var storeId = await NewStore();
        await database.Listings.SaveAsync([Listing.Create(storeId, Listing.Validate("A", "Mug", 5, 1m, null).Value, Now)], [], default);

        await FluentActions.Awaiting(() => database.Listings.SaveAsync([Listing.Create(storeId, Listing.Validate("A", "Dup", 1, 1m, null).Value, Now)], [], default))
            .Should().ThrowAsync<ConcurrencyConflictException>();

        var first = (await database.Listings.GetBySkusAsync(storeId, ["A"], default))["A"];
        var stale = (await database.Listings.GetBySkusAsync(storeId, ["A"], default))["A"];
        first.ApplyInventory(7, "h1", Now);
        await database.Listings.SaveAsync([first], [new StoreUpdate(0, storeId, StoreUpdateTypes.Inventory, Now, "{}", "inv-1")], default);
        stale.ApplyInventory(9, "h2", Now);
        await FluentActions.Awaiting(() => database.Listings.SaveAsync([stale], [new StoreUpdate(0, storeId, StoreUpdateTypes.Inventory, Now, "{}", "inv-2")], default))
            .Should().ThrowAsync<ConcurrencyConflictException>();

        (await database.Listings.GetBySkusAsync(storeId, ["A"], default))["A"].Quantity.Should().Be(7);
        (await database.Feed.ReadAsync(storeId, 0, 10, default)).Select(u => u.DedupKey).Should().Equal("inv-1");
    }

    [SkippableFact]
    public async Task Listings_ABatchWithOneStaleListing_Conflicts_AndChangesNoneOfThem()
    {
        Skip.If(database.SkipReason is not null, database.SkipReason);
        var storeId = await NewStore();
        await database.Listings.SaveAsync([.. new[] { "B1", "B2", "B3" }.Select(sku => Listing.Create(storeId, Listing.Validate(sku, "Mug", 5, 1m, null).Value, Now))], [], default);
        var batch = await database.Listings.GetBySkusAsync(storeId, ["B1", "B2", "B3"], default);
        var meanwhile = (await database.Listings.GetBySkusAsync(storeId, ["B2"], default))["B2"];
        meanwhile.ApplyInventory(6, "m", Now);
        await database.Listings.SaveAsync([meanwhile], [], default);

        foreach (var listing in batch.Values)
        {
            listing.ApplyInventory(9, "b", Now);
        }

        await FluentActions.Awaiting(() => database.Listings.SaveAsync([.. batch.Values], [new StoreUpdate(0, storeId, StoreUpdateTypes.Inventory, Now, "{}", "batch")], default))
            .Should().ThrowAsync<ConcurrencyConflictException>("B2 changed after the batch read it");

        var after = await database.Listings.GetBySkusAsync(storeId, ["B1", "B2", "B3"], default);
        after.Values.Select(l => (l.SKU, l.Quantity)).Should().BeEquivalentTo([("B1", 5), ("B2", 6), ("B3", 5)], "the whole batch rolled back");
        (await database.Feed.ReadAsync(storeId, 0, 10, default)).Should().BeEmpty();
    }

    [SkippableFact]
    public async Task WithTheStoresWritesHeld_ReadAndSaveAreOneTransaction_ThatAnotherWriterOfTheStoreWaitsFor()
    {
        Skip.If(database.SkipReason is not null, database.SkipReason);
        var storeId = await NewStore();
        await database.Listings.SaveAsync([Listing.Create(storeId, Listing.Validate("A", "Mug", 5, 1m, null).Value, Now)], [], default);
        var call = database.CallConnections;
        Task? otherWriter = null;

        var answer = await new Persistence.HeldStoreWrites(call).RunAsync(storeId, async () =>
        {
            var listings = new Persistence.Repositories.ListingRepository(call, TimeProvider.System);
            var mine = (await listings.GetBySkusAsync(storeId, ["A"], default))["A"];
            var theirs = (await database.Listings.GetBySkusAsync(storeId, ["A"], default))["A"];
            theirs.ApplyInventory(9, "theirs", Now);
            otherWriter = database.Listings.SaveAsync([theirs], [new StoreUpdate(0, storeId, StoreUpdateTypes.Inventory, Now, "{}", "theirs")], default);
            // It waits for these writes to end however long they take; half a second is only how long this test looks.
            (await Task.WhenAny(otherWriter, Task.Delay(500))).Should().NotBeSameAs(otherWriter, "another writer of the store waits while its writes are held");
            mine.ApplyInventory(7, "mine", Now);
            await listings.SaveAsync([mine], [new StoreUpdate(0, storeId, StoreUpdateTypes.Inventory, Now, "{}", "mine")], default);
            return "saved";
        }, default);

        answer.Should().Be("saved");
        await FluentActions.Awaiting(() => otherWriter!).Should().ThrowAsync<ConcurrencyConflictException>("it read the listing before the held writes changed it");
        var stored = (await database.Listings.GetBySkusAsync(storeId, ["A"], default))["A"];
        (stored.Quantity, stored.Version).Should().Be((7, 2));
        (await database.Feed.ReadAsync(storeId, 0, 10, default)).Select(u => u.DedupKey).Should().Equal("mine");
    }

    [SkippableFact]
    public async Task WithTheStoresWritesHeld_WorkThatFails_SavesNothing_AndTheCallWritesOnItsOwnAfter()
    {
        Skip.If(database.SkipReason is not null, database.SkipReason);
        var storeId = await NewStore();
        var call = database.CallConnections;
        var listings = new Persistence.Repositories.ListingRepository(call, TimeProvider.System);

        await FluentActions.Awaiting(() => new Persistence.HeldStoreWrites(call).RunAsync<int>(storeId, async () =>
        {
            await listings.SaveAsync([Listing.Create(storeId, Listing.Validate("A", "Mug", 5, 1m, null).Value, Now)], [], default);
            throw new InvalidOperationException("the work failed after saving");
        }, default)).Should().ThrowAsync<InvalidOperationException>();

        (await database.Listings.GetBySkusAsync(storeId, ["A"], default)).Should().BeEmpty("the held transaction rolled back");
        await listings.SaveAsync([Listing.Create(storeId, Listing.Validate("B", "Cup", 1, 1m, null).Value, Now)], [], default);
        (await database.Listings.GetBySkusAsync(storeId, ["B"], default)).Should().ContainKey("B");
    }

    [SkippableFact]
    public async Task WithTheStoresWritesHeld_AWriteThatFailedPartWay_IsNotCommitted_EvenIfTheWorkCaughtIt()
    {
        Skip.If(database.SkipReason is not null, database.SkipReason);
        var storeId = await NewStore();
        await database.Listings.SaveAsync([Listing.Create(storeId, Listing.Validate("A", "Mug", 5, 1m, null).Value, Now)], [], default);
        var call = database.CallConnections;
        var listings = new Persistence.Repositories.ListingRepository(call, TimeProvider.System);

        await FluentActions.Awaiting(() => new Persistence.HeldStoreWrites(call).RunAsync(storeId, async () =>
        {
            await listings.SaveAsync([Listing.Create(storeId, Listing.Validate("N1", "Cup", 1, 1m, null).Value, Now)], [], default);
            try
            {
                // "A" exists: the insert of N2 has run when the insert of A fails.
                await listings.SaveAsync([Listing.Create(storeId, Listing.Validate("N2", "Cup", 1, 1m, null).Value, Now), Listing.Create(storeId, Listing.Validate("A", "Dup", 1, 1m, null).Value, Now)], [], default);
            }
            catch (ConcurrencyConflictException)
            {
                // A work that goes on after a failed write.
            }

            return 1;
        }, default)).Should().ThrowAsync<InvalidOperationException>();

        (await database.Listings.GetBySkusAsync(storeId, ["A", "N1", "N2"], default)).Keys.Should().Equal(["A"], "nothing of the work is kept, N2 above all");
    }

    [SkippableFact]
    public async Task Delete_RemovesOnlyThatStoresSku()
    {
        Skip.If(database.SkipReason is not null, database.SkipReason);
        var storeId = await NewStore();
        var other = await NewStore();
        await database.Listings.SaveAsync([Listing.Create(storeId, Listing.Validate("A", "Mug", 5, 1m, null).Value, Now), Listing.Create(other, Listing.Validate("A", "Mug", 5, 1m, null).Value, Now)], [], default);

        (await database.Listings.DeleteAsync(storeId, ["A"], default)).Should().Equal("A");
        (await database.Listings.DeleteAsync(storeId, ["A"], default)).Should().BeEmpty();

        (await database.Listings.GetBySkusAsync(other, ["A"], default)).Should().ContainKey("A");
    }

    [SkippableFact]
    public async Task Delete_OfMoreSkusThanOneStatementTakes_AnswersTheOnesHeld_AndCountsThemOff()
    {
        Skip.If(database.SkipReason is not null, database.SkipReason);
        var storeId = await NewStore();
        var held = Enumerable.Range(0, 6_000).Select(i => $"D{i:D5}").ToList();
        await database.Listings.SaveAsync([.. held.Select(sku => Listing.Create(storeId, Listing.Validate(sku, "Mug", 1, 1m, null).Value, Now))], [], default);
        string[] asked = [.. held.Where((_, i) => i % 2 == 0), "NOT-HELD", "d00000"];

        var deleted = await database.Listings.DeleteAsync(storeId, asked, default);

        deleted.Should().HaveCount(3_000).And.NotContain(["NOT-HELD", "d00000"], "SKUs are matched exactly");
        (await database.Listings.CountAsync(storeId, default)).Should().Be(3_000);
        (await database.Listings.GetBySkusAsync(storeId, ["D00000", "D00001"], default)).Keys.Should().Equal("D00001");
    }

    [SkippableFact]
    public async Task ProductsPaging_IsStable_AndEndsWithAnEmptyPage()
    {
        Skip.If(database.SkipReason is not null, database.SkipReason);
        var storeId = await NewStore();
        var integration = Guid.NewGuid().ToString("N");
        await database.Listings.SaveAsync([.. Enumerable.Range(1, 25).Select(i => Listing.Create(storeId, Listing.Validate($"S{i:D2}", "T", i, null, null).Value, Now))], [], default);

        var page1 = await database.ListingQueries.GetPageAsync(integration, storeId, 1, 10, default);
        await database.Listings.SaveAsync([Listing.Create(storeId, Listing.Validate("LATE", "T", 1, null, null).Value, Now)], [], default);
        await database.Listings.DeleteAsync(storeId, ["S02"], default);
        var page2 = await database.ListingQueries.GetPageAsync(integration, storeId, 2, 10, default);
        var page3 = await database.ListingQueries.GetPageAsync(integration, storeId, 3, 10, default);
        var page4 = await database.ListingQueries.GetPageAsync(integration, storeId, 4, 10, default);

        new[] { page1, page2, page3, page4 }.Select(p => (p.Listings.Count, p.HasMorePages)).Should().Equal((10, true), (10, true), (5, false), (0, false));
        new[] { page1, page2, page3 }.SelectMany(p => p.Listings).Select(l => l.SKU).Should().OnlyHaveUniqueItems().And.NotContain("LATE");
    }

    [SkippableFact]
    public async Task ProductsPaging_APageFoundAgainByCounting_StartsWhereTheRunsFirstReadingOfItDid_ThoughListingsWereDeletedMeanwhile()
    {
        Skip.If(database.SkipReason is not null, database.SkipReason);
        var storeId = await NewStore();
        var integration = Guid.NewGuid().ToString("N");
        await database.Listings.SaveAsync([.. Enumerable.Range(1, 25).Select(i => Listing.Create(storeId, Listing.Validate($"S{i:D2}", "T", i, null, null).Value, Now))], [], default);
        var page1 = await database.ListingQueries.GetPageAsync(integration, storeId, 1, 10, default);

        // Two listings of page 1 and one of page 2 deleted, then page 2 asked of a node without page 1's boundary.
        await database.Listings.DeleteAsync(storeId, ["S02", "S05", "S13"], default);
        var otherNode = await database.AnotherNodesListingQueriesAsync(integration);
        var page2 = await otherNode.GetPageAsync(integration, storeId, 2, 10, default);
        var page3 = await otherNode.GetPageAsync(integration, storeId, 3, 10, default);

        page2.Listings.Select(l => l.SKU).Should().Equal(["S11", "S12", "S14", "S15", "S16", "S17", "S18", "S19", "S20"], "page 2 starts after page 1's last listing, S10");
        page2.HasMorePages.Should().BeTrue();
        page3.Listings.Select(l => l.SKU).Should().Equal(["S21", "S22", "S23", "S24", "S25"]);
        page3.HasMorePages.Should().BeFalse();
        page1.Listings.Select(l => l.SKU).Should().EndWith("S10");
    }

    [SkippableFact]
    public async Task ProductsPaging_ListingsDeletedAtTheEndOfTheRun_LeaveItsLastPagesShortOrEmpty_AndTheRunEnds()
    {
        Skip.If(database.SkipReason is not null, database.SkipReason);
        var storeId = await NewStore();
        var integration = Guid.NewGuid().ToString("N");
        await database.Listings.SaveAsync([.. Enumerable.Range(1, 30).Select(i => Listing.Create(storeId, Listing.Validate($"S{i:D2}", "T", i, null, null).Value, Now))], [], default);
        var page1 = await database.ListingQueries.GetPageAsync(integration, storeId, 1, 10, default);

        await database.Listings.DeleteAsync(storeId, [.. Enumerable.Range(11, 19).Select(i => $"S{i:D2}")], default);   // S11-S29
        var page2 = await database.ListingQueries.GetPageAsync(integration, storeId, 2, 10, default);
        var page3 = await (await database.AnotherNodesListingQueriesAsync(integration)).GetPageAsync(integration, storeId, 3, 10, default);
        var page4 = await database.ListingQueries.GetPageAsync(integration, storeId, 4, 10, default);

        (page1.Listings.Count, page1.HasMorePages).Should().Be((10, true));
        (page2.Listings.Count, page2.HasMorePages).Should().Be((0, true), "page 2's listings were all deleted, and page 3 holds the run's last");
        page3.Listings.Select(l => l.SKU).Should().Equal(["S30"], "counted on a node without the run's boundaries");
        page3.HasMorePages.Should().BeFalse();
        (page4.Listings.Count, page4.HasMorePages).Should().Be((0, false));
    }

    [SkippableFact]
    public async Task ProductsPaging_ARunBegunAfterListingsWereDeleted_CountsThemOut_OnEveryNode()
    {
        Skip.If(database.SkipReason is not null, database.SkipReason);
        var storeId = await NewStore();
        var integration = Guid.NewGuid().ToString("N");
        await database.Listings.SaveAsync([.. Enumerable.Range(1, 25).Select(i => Listing.Create(storeId, Listing.Validate($"S{i:D2}", "T", i, null, null).Value, Now))], [], default);
        await database.Listings.DeleteAsync(storeId, ["S02", "S13"], default);

        var page1 = await database.ListingQueries.GetPageAsync(integration, storeId, 1, 10, default);
        var page2 = await (await database.AnotherNodesListingQueriesAsync(integration)).GetPageAsync(integration, storeId, 2, 10, default);
        var page3 = await (await database.AnotherNodesListingQueriesAsync(integration)).GetPageAsync(integration, storeId, 3, 10, default);

        page1.Listings.Select(l => l.SKU).Should().Equal(["S01", "S03", "S04", "S05", "S06", "S07", "S08", "S09", "S10", "S11"]);
        page2.Listings.Select(l => l.SKU).Should().Equal(["S12", "S14", "S15", "S16", "S17", "S18", "S19", "S20", "S21", "S22"]);
        page3.Listings.Select(l => l.SKU).Should().Equal(["S23", "S24", "S25"]);
        page3.HasMorePages.Should().BeFalse();
    }

    private async Task<string> NewStore()
    {
        var (store, _) = Store.Create("Listings " + Guid.NewGuid().ToString("N")[..6], Now).Value;
        await database.Stores.SaveAsync(store, default);
        return store.Id;
    }
}

public sealed class SqliteListingRepositoryTests(SqliteDatabaseFixture database) : ListingRepositoryContract(database), IClassFixture<SqliteDatabaseFixture>;

/// <summary>The same on SQLite with its writes sent in batches, as on SQL Server (<see cref="SqliteBatchingDatabaseFixture"/>).</summary>
public sealed class SqliteBatchedListingRepositoryTests(SqliteBatchingDatabaseFixture database)
    : ListingRepositoryContract(database), IClassFixture<SqliteBatchingDatabaseFixture>;

[Trait("Category", "Docker")]
public sealed class SqlServerListingRepositoryTests(SqlServer.SqlServerDatabaseFixture database) : ListingRepositoryContract(database), IClassFixture<SqlServer.SqlServerDatabaseFixture>;
