using ChannelBridge.Application.Common;
using ChannelBridge.Application.Listings;
using ChannelBridge.Application.Listings.UpsertProducts;
using ChannelBridge.Domain.Common;
using ChannelBridge.Domain.Listings;
using ChannelBridge.Domain.Orders;
using Microsoft.Extensions.DependencyInjection;
using NSubstitute;
using NSubstitute.ExceptionExtensions;

namespace ChannelBridge.Application.UnitTests.Listings;

/// <summary>The Channel API's product push, at the handler: what a batch that meets other writers is answered.</summary>
public class UpsertProductsHandlerTests
{
    [Fact]
    public async Task AfterAConflict_TheBatchIsDecidedAgainWithTheStoresWritesHeld_AndSaved()
    {
        using var services = new TestServices();
        var (store, _) = services.AddStore();
        var listings = services.Provider.GetRequiredService<IListingRepository>();
        listings.GetBySkusAsync(store.Id, Arg.Any<IReadOnlyCollection<string>>(), Arg.Any<CancellationToken>())
            .Returns(_ => new Dictionary<string, Listing> { ["A"] = Listing.Create(store.Id, new ListingData("A", "Mug", 1, 9.99m, "A"), DateTime.UtcNow) });
        // Another worker pushes the same SKUs between every read and save, except while this batch holds the store's writes.
        listings.SaveAsync(Arg.Any<IReadOnlyList<Listing>>(), Arg.Any<IReadOnlyList<StoreUpdate>>(), Arg.Any<CancellationToken>())
            .Returns(_ => services.StoreWrites.IsHeld ? Task.CompletedTask : throw new ConcurrencyConflictException(nameof(Listing), "A"));

        long held = 0;
        using var listener = new System.Diagnostics.Metrics.MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Name == "channelbridge.store_writes.held")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref held, value));
        listener.Start();

        var result = await services.SendAsync(new UpsertProductsCommand(store.Id, [new ProductDto { SKU = "A", Title = "Mug", Quantity = 4, Price = 9.99m }, new ProductDto { SKU = "B", Title = "Cup", Quantity = 1 }]));

        result.IsSuccess.Should().BeTrue("a batch that met another writer is not turned away with a 409");
        result.Value.Results.Select(r => (r.SKU, r.Status)).Should().Equal(("A", UpsertStatus.Updated), ("B", UpsertStatus.Created));
        services.StoreWrites.HeldFor.Should().Equal(store.Id);
        Interlocked.Read(ref held).Should().BeGreaterThanOrEqualTo(1, "the operator sees the contention in channelbridge.store_writes.held (other tests may add to it at once)");
    }

    [Fact]
    public async Task AStoreAtItsLimit_RefusesTheSkusItDoesNotHold_AndStillUpdatesThoseItDoes()
    {
        using var services = new TestServices(new() { ["Listings:MaxListingsPerStore"] = "5" });
        var (store, _) = services.AddStore();
        var listings = services.Provider.GetRequiredService<IListingRepository>();
        listings.GetBySkusAsync(store.Id, Arg.Any<IReadOnlyCollection<string>>(), Arg.Any<CancellationToken>())
            .Returns(_ => new Dictionary<string, Listing> { ["A"] = Listing.Create(store.Id, new ListingData("A", "Mug", 1, 9.99m, "A"), DateTime.UtcNow) });
        listings.CountAsync(store.Id, Arg.Any<CancellationToken>()).Returns(4L);   // room for one more
        IReadOnlyList<Listing>? saved = null;
        await listings.SaveAsync(Arg.Do<IReadOnlyList<Listing>>(l => saved = l), Arg.Any<IReadOnlyList<StoreUpdate>>(), Arg.Any<CancellationToken>());

        var result = await services.SendAsync(new UpsertProductsCommand(
            store.Id, [new ProductDto { SKU = "B", Title = "Cup", Quantity = 1 }, new ProductDto { SKU = "A", Title = "Mug", Quantity = 4 }, new ProductDto { SKU = "C", Title = "Jug", Quantity = 1 }]));

        result.Value.Results.Select(r => (r.SKU, r.Status)).Should().Equal(("B", UpsertStatus.Created), ("A", UpsertStatus.Updated), ("C", UpsertStatus.Rejected));
        result.Value.Results[2].Errors.Should().ContainSingle().Which.Should().Contain("limit of 5 listings").And.Contain("Listings:MaxListingsPerStore");
        saved!.Select(l => l.SKU).Should().Equal("B", "A");
    }

    [Fact]
    public async Task AConflictEvenWithTheWritesHeld_PastTheAttempts_IsAConflict()
    {
        using var services = new TestServices();
        var (store, _) = services.AddStore();
        var listings = services.Provider.GetRequiredService<IListingRepository>();
        listings.GetBySkusAsync(store.Id, Arg.Any<IReadOnlyCollection<string>>(), Arg.Any<CancellationToken>()).Returns(new Dictionary<string, Listing>());
        listings.SaveAsync(Arg.Any<IReadOnlyList<Listing>>(), Arg.Any<IReadOnlyList<StoreUpdate>>(), Arg.Any<CancellationToken>())
            .Throws(new ConcurrencyConflictException(nameof(Listing), "A"));

        var result = await services.SendAsync(new UpsertProductsCommand(store.Id, [new ProductDto { SKU = "A", Title = "Mug", Quantity = 4 }]));

        result.IsFailure.Should().BeTrue();
        result.Errors.Single().Kind.Should().Be(ErrorKind.Conflict);
        services.StoreWrites.HeldFor.Should().HaveCount(ConflictRetry.DefaultAttempts - 1, "every attempt after the first holds the writes");
    }
}
