using ChannelBridge.Application.Common.Linnworks;
using ChannelBridge.Application.Listings;
using ChannelBridge.Application.Listings.InventoryUpdate;
using ChannelBridge.Domain.Common;
using ChannelBridge.Domain.Listings;
using ChannelBridge.Domain.Orders;
using Microsoft.Extensions.DependencyInjection;
using NSubstitute;
using NSubstitute.ExceptionExtensions;

namespace ChannelBridge.Application.UnitTests.Listings;

/// <summary>InventoryUpdate at the handler: every SKU answered in the order sent, and one save for what changed.</summary>
public class InventoryUpdateHandlerTests
{
    [Fact]
    public async Task EverySku_IsAnswered_InOrder_AndOnlyChangesAreSaved_WithTheirFeedEntries()
    {
        using var services = new TestServices();
        var (token, store, _) = await services.IntegrateAsync();
        var listings = services.Provider.GetRequiredService<IListingRepository>();
        var known = Listing.Create(store.Id, new ListingData("A", "Thing", 1, 9.99m, "ref-A"), DateTime.UtcNow);
        listings.GetBySkusAsync(store.Id, Arg.Any<IReadOnlyCollection<string>>(), Arg.Any<CancellationToken>())
            .Returns(new Dictionary<string, Listing> { ["A"] = known });
        IReadOnlyList<StoreUpdate>? feed = null;
        await listings.SaveAsync(Arg.Any<IReadOnlyList<Listing>>(), Arg.Do<IReadOnlyList<StoreUpdate>>(u => feed = u), Arg.Any<CancellationToken>());

        var response = await services.SendAsync(new InventoryUpdateCommand
        {
            AuthorizationToken = token,
            Products =
            [
                new ProductInventoryDto { SKU = "A", Quantity = 6 }, new ProductInventoryDto { SKU = "B", Quantity = 1 }, null, new ProductInventoryDto { SKU = " ", Quantity = 1 },
                new ProductInventoryDto { SKU = " A\t", Quantity = 7 },
            ],
        });

        response.Error.Should().BeNull();
        // Each item is answered under its SKU exactly as sent, which is how Linnworks finds the answer.
        response.Products.Select(p => (p.SKU, p.Error)).Should().Equal(
            ("A", null), ("B", ListingUpdateRecorder.UnknownSku), (string.Empty, "SKU is required."), (" ", "SKU is required."), (" A\t", null));
        known.Quantity.Should().Be(7, "the listing is found by the SKU trimmed");
        feed.Should().HaveCount(2).And.OnlyContain(u => u.Type == StoreUpdateTypes.Inventory);
    }

    [Fact]
    public async Task ASkuLongerThanAnyListings_IsAnsweredUnknown_WithoutBeingLookedUp()
    {
        using var services = new TestServices();
        var (token, store, _) = await services.IntegrateAsync();
        var listings = services.Provider.GetRequiredService<IListingRepository>();
        IReadOnlyCollection<string>? looked = null;
        listings.GetBySkusAsync(store.Id, Arg.Do<IReadOnlyCollection<string>>(s => looked = s), Arg.Any<CancellationToken>())
            .Returns(new Dictionary<string, Listing>());
        var longest = new string('L', Listing.SkuMaxLength);

        var response = await services.SendAsync(new InventoryUpdateCommand
        {
            AuthorizationToken = token,
            Products = [new ProductInventoryDto { SKU = longest + "X", Quantity = 1 }, new ProductInventoryDto { SKU = $" {longest} ", Quantity = 1 }],
        });

        response.Products.Select(p => p.Error).Should().Equal(ListingUpdateRecorder.UnknownSku, ListingUpdateRecorder.UnknownSku);
        looked.Should().Equal([longest], "a padded SKU of the longest length may be a listing's; a longer one cannot");
    }

    [Fact]
    public async Task ListingsChangedByOthers_OnEveryAttempt_AnswerEverySkuRetry()
    {
        using var services = new TestServices();
        var (token, store, _) = await services.IntegrateAsync();
        var listings = ListingsHoldingA(services, store.Id);
        listings.SaveAsync(Arg.Any<IReadOnlyList<Listing>>(), Arg.Any<IReadOnlyList<StoreUpdate>>(), Arg.Any<CancellationToken>())
            .Throws(new ConcurrencyConflictException(nameof(Listing), "A"));

        var response = await services.SendAsync(new InventoryUpdateCommand
        {
            AuthorizationToken = token,
            Products = [new ProductInventoryDto { SKU = "A", Quantity = 3 }, new ProductInventoryDto { SKU = "B", Quantity = 1 }],
        });

        response.Products.Select(p => p.SKU).Should().Equal("A", "B");
        response.Products.Should().OnlyContain(p => p.Error == LinnworksErrors.TemporarilyUnavailable, "a batch that cannot be saved is retried whole");
        await listings.Received(Application.Common.ConflictRetry.DefaultAttempts).GetBySkusAsync(store.Id, Arg.Any<IReadOnlyCollection<string>>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task AfterAConflict_TheBatchIsAppliedAgainWithTheStoresWritesHeld_AndEverySkuAnswered()
    {
        using var services = new TestServices();
        var (token, store, _) = await services.IntegrateAsync();
        var listings = ListingsHoldingA(services, store.Id);
        // A platform's product push saves the same listing between every read and save, except while the writes are held.
        listings.SaveAsync(Arg.Any<IReadOnlyList<Listing>>(), Arg.Any<IReadOnlyList<StoreUpdate>>(), Arg.Any<CancellationToken>())
            .Returns(_ => services.StoreWrites.IsHeld ? Task.CompletedTask : throw new ConcurrencyConflictException(nameof(Listing), "A"));

        var response = await services.SendAsync(new InventoryUpdateCommand
        {
            AuthorizationToken = token,
            Products = [new ProductInventoryDto { SKU = "A", Quantity = 3 }, new ProductInventoryDto { SKU = "B", Quantity = 1 }],
        });

        response.Products.Select(p => (p.SKU, p.Error)).Should().Equal(("A", null), ("B", ListingUpdateRecorder.UnknownSku));
        services.StoreWrites.HeldFor.Should().Equal(store.Id);
    }

    /// <summary>The listings repository, answering every read with listing "A" as stored (a fresh copy each time, as a new read would).</summary>
    private static IListingRepository ListingsHoldingA(TestServices services, string storeId)
    {
        var listings = services.Provider.GetRequiredService<IListingRepository>();
        listings.GetBySkusAsync(storeId, Arg.Any<IReadOnlyCollection<string>>(), Arg.Any<CancellationToken>())
            .Returns(_ => new Dictionary<string, Listing> { ["A"] = Listing.Create(storeId, new ListingData("A", "Thing", 1, 9.99m, "ref-A"), DateTime.UtcNow) });
        return listings;
    }
}
