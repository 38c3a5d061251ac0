using ChannelBridge.Application.Common;
using ChannelBridge.Application.Orders;
using ChannelBridge.Application.Orders.GetOrders;
using ChannelBridge.Application.Orders.UpsertOrders;
using ChannelBridge.Domain.Common;
using ChannelBridge.Domain.Orders;
using Microsoft.Extensions.DependencyInjection;
using NSubstitute;
using NSubstitute.ExceptionExtensions;

namespace ChannelBridge.Application.UnitTests.Orders;

/// <summary>The Channel API's order push, at the handler: what each order is answered, and what reaches the repository.</summary>
public class UpsertOrdersHandlerTests
{
    private static readonly DateTime Received = new(2026, 11, 20, 9, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task EachOrder_IsAnsweredInPlace_AndOnlyValidOnesAreSaved_WithTheirDownloadRendered()
    {
        using var services = new TestServices();
        var (store, _) = services.AddStore();
        var orders = services.Provider.GetRequiredService<IOrderRepository>();
        orders.GetByReferencesAsync(store.Id, Arg.Any<IReadOnlyCollection<string>>(), Arg.Any<CancellationToken>()).Returns(new Dictionary<string, ChannelOrder>());
        IReadOnlyList<OrderToSave>? saved = null;
        await orders.SaveChangesAsync(Arg.Do<IReadOnlyList<OrderToSave>>(o => saved = o), Arg.Any<CancellationToken>());

        var result = await services.SendAsync(new UpsertOrdersCommand(store.Id, [Order("U-1"), null!, Order("U-1"), Undated("U-2")]));

        result.IsSuccess.Should().BeTrue();
        result.Value.Results.Select(r => r.Status).Should().Equal([UpsertStatus.Created, UpsertStatus.Rejected, UpsertStatus.Rejected, UpsertStatus.Rejected], string.Join(" | ", result.Value.Results[0].Errors ?? []));
        result.Value.Results[2].Errors.Should().ContainSingle().Which.Should().Contain("more than once");
        saved.Should().ContainSingle().Which.Order.ReferenceNumber.Should().Be("U-1");
        var renderer = services.Provider.CreateScope().ServiceProvider.GetRequiredService<IOrderDownloadRenderer>();
        saved![0].Download.Format.Should().Be(renderer.Format);
        System.Text.Encoding.UTF8.GetString(saved[0].Download.Json).Should().Contain("\"ReferenceNumber\":\"U-1\"");

        // The content goes to the repository as the JSON its hash was taken of, and that is the saved content's JSON.
        saved[0].ContentJson.Should().Equal(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(saved[0].Order.Content));
        ContentHashes.OfJson(saved[0].ContentJson).Should().Be(saved[0].Order.ContentHash).And.Be(ContentHashes.Of(saved[0].Order.Content));
    }

    [Fact]
    public async Task AConflictingSave_IsDecidedAgainOnFreshOrders_AndPastTheAttemptsIsAConflict()
    {
        using var services = new TestServices();
        var (store, _) = services.AddStore();
        var orders = services.Provider.GetRequiredService<IOrderRepository>();
        orders.GetByReferencesAsync(store.Id, Arg.Any<IReadOnlyCollection<string>>(), Arg.Any<CancellationToken>()).Returns(new Dictionary<string, ChannelOrder>());
        orders.SaveChangesAsync(Arg.Any<IReadOnlyList<OrderToSave>>(), Arg.Any<CancellationToken>()).Throws(new ConcurrencyConflictException(nameof(ChannelOrder), "C-1"));

        var result = await services.SendAsync(new UpsertOrdersCommand(store.Id, [Order("C-1")]));

        result.IsFailure.Should().BeTrue();
        result.Errors.Single().Kind.Should().Be(ErrorKind.Conflict);
        await orders.Received(ConflictRetry.DefaultAttempts).GetByReferencesAsync(store.Id, Arg.Any<IReadOnlyCollection<string>>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task AfterAConflict_TheBatchIsDecidedAgainWithTheStoresWritesHeld_AndSaved()
    {
        using var services = new TestServices();
        var (store, _) = services.AddStore();
        var orders = services.Provider.GetRequiredService<IOrderRepository>();
        orders.GetByReferencesAsync(store.Id, Arg.Any<IReadOnlyCollection<string>>(), Arg.Any<CancellationToken>()).Returns(new Dictionary<string, ChannelOrder>());
        // Another batch saves the same orders between every read and save, except while this one holds the store's writes.
        orders.SaveChangesAsync(Arg.Any<IReadOnlyList<OrderToSave>>(), Arg.Any<CancellationToken>())
            .Returns(_ => services.StoreWrites.IsHeld ? Task.CompletedTask : throw new ConcurrencyConflictException(nameof(ChannelOrder), "C-1"));

        var result = await services.SendAsync(new UpsertOrdersCommand(store.Id, [Order("C-1")]));

        result.IsSuccess.Should().BeTrue("a batch that met another writer is not turned away with a 409");
        result.Value.Results.Single().Status.Should().Be(UpsertStatus.Created);
        services.StoreWrites.HeldFor.Should().Equal(store.Id);
        await orders.Received(2).GetByReferencesAsync(store.Id, Arg.Any<IReadOnlyCollection<string>>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task AStoreAtItsLimit_RefusesTheOrdersItDoesNotHold_AndStillUpdatesThoseItDoes()
    {
        using var services = new TestServices(new() { ["Orders:MaxOrdersPerStore"] = "3" });
        var (store, _) = services.AddStore();
        var orders = services.Provider.GetRequiredService<IOrderRepository>();
        var content = OrderRules.Validate(services.Provider.GetRequiredService<AutoMapper.IMapper>().Map<OrderContent>(Order("L-1"))).Value;
        var held = ChannelOrder.Receive(store.Id, content with { Notes = [] }, "an-older-hash", Received);
        orders.GetByReferencesAsync(store.Id, Arg.Any<IReadOnlyCollection<string>>(), Arg.Any<CancellationToken>()).Returns(new Dictionary<string, ChannelOrder> { ["L-1"] = held });
        orders.GetHeldAsync(store.Id, Arg.Any<CancellationToken>()).Returns(new OrdersHeld(2, 0));   // room for one more
        IReadOnlyList<OrderToSave>? saved = null;
        await orders.SaveChangesAsync(Arg.Do<IReadOnlyList<OrderToSave>>(o => saved = o), Arg.Any<CancellationToken>());

        var result = await services.SendAsync(new UpsertOrdersCommand(store.Id, [Order("L-1"), Order("L-2"), Order("L-3")]));

        result.Value.Results.Select(r => r.Status).Should().Equal(UpsertStatus.Updated, UpsertStatus.Created, UpsertStatus.Rejected);
        result.Value.Results[2].Errors.Should().ContainSingle().Which.Should().Contain("limit of 3 orders").And.Contain("Orders:MaxOrdersPerStore");
        saved!.Select(o => o.Order.ReferenceNumber).Should().Equal("L-1", "L-2");

        await services.SendAsync(new UpsertOrdersCommand(store.Id, [Order("L-1")]));
        await orders.Received(1).GetHeldAsync(store.Id, Arg.Any<CancellationToken>());   // a batch of held orders only, none larger, does not read it
    }

    [Fact]
    public async Task AnUnknownStore_IsNotFound_AndNothingIsRead()
    {
        using var services = new TestServices();

        var result = await services.SendAsync(new UpsertOrdersCommand("no-such-store", [Order("N-1")]));

        result.Errors.Single().Kind.Should().Be(ErrorKind.NotFound);
        await services.Provider.GetRequiredService<IOrderRepository>().DidNotReceiveWithAnyArgs().GetByReferencesAsync(default!, default!, default);
    }

    private static OrderDto Undated(string reference)
    {
        var order = Order(reference);
        order.ReceivedDate = null;
        return order;
    }

    private static OrderDto Order(string reference) => new()
    {
        ReferenceNumber = reference,
        PaymentStatus = "PAID",
        Currency = "GBP",
        ReceivedDate = Received,
        DeliveryAddress = new AddressDto { FullName = "A Buyer", Address1 = "1 High St", Town = "Leeds", PostCode = "LS1 1AA", CountryCode = "GB" },
        OrderItems = [new OrderItemDto { OrderLineNumber = "1", SKU = "SKU-1", ItemTitle = "Thing", Qty = 1, PricePerUnit = 9.99m }],
    };
}
