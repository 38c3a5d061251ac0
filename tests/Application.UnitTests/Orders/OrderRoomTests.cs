using ChannelBridge.Application.Orders.UpsertOrders;
using ChannelBridge.Domain.Orders;
using ChannelBridge.Domain.Stores;

namespace ChannelBridge.Application.UnitTests.Orders;

public class OrderRoomTests
{
    [Fact]
    public void ABatchTakesTheRoom_InItsOrder_AndAnOrderThatShrinksGivesItBack()
    {
        var room = new OrderRoom(StoreLimit.Orders(3), new StoreSizeLimit(1_000), new OrdersHeld(1, 600));

        room.Take(isNew: true, 300).Should().BeNull();
        room.Take(isNew: true, 200).Should().Contain(StoreSizeLimit.Setting, "100 characters are left");
        room.Take(isNew: false, -150).Should().BeNull();
        room.Take(isNew: true, 200).Should().BeNull("the smaller order gave back 150");
        room.Take(isNew: true, 1).Should().Contain("Orders:MaxOrdersPerStore", "the store holds three orders");
        room.Take(isNew: false, 0).Should().BeNull("a change that does not grow always fits");
        (room.RefusedForCount, room.RefusedForSize).Should().Be((1, 1));
    }

    [Fact]
    public void WithoutLimits_NothingIsRefused_AndShrinkingDoesNotOverflow()
    {
        var room = new OrderRoom(StoreLimit.Orders(0), new StoreSizeLimit(0), new OrdersHeld(long.MaxValue, long.MaxValue));

        room.Take(isNew: false, -256_000).Should().BeNull();
        room.Take(isNew: true, 256_000).Should().BeNull();
        room.Take(isNew: true, 256_000).Should().BeNull();
    }

    [Fact]
    public void AStorePastItsLimit_StillChangesOrdersThatDoNotGrow()
    {
        var room = new OrderRoom(StoreLimit.Orders(10), new StoreSizeLimit(1_000), new OrdersHeld(5, 5_000));

        room.Take(isNew: false, -10).Should().BeNull();
        room.Take(isNew: false, 0).Should().BeNull();
        room.Take(isNew: false, 1).Should().NotBeNull("the store holds more than its limit even after giving back 10");
    }
}
