using ChannelBridge.Domain.Orders;
using ChannelBridge.Domain.Stores;

namespace ChannelBridge.Application.Orders.UpsertOrders;

/// <summary>
/// The room a batch's orders take, in the batch's order, under the store's two limits (ADR-039): how many orders it may
/// hold, and how many characters of their content. A new order takes one of the first and its size of the second; a
/// changed one takes what it grows by, or gives back what it shrinks by.
/// </summary>
internal sealed class OrderRoom(StoreLimit count, StoreSizeLimit size, OrdersHeld held)
{
    private long _orders = count.RoomFor(held.Orders);
    private long _chars = size.RoomFor(held.Chars);

    /// <summary>Orders refused because the store holds as many as it may.</summary>
    public int RefusedForCount { get; private set; }

    /// <summary>Orders refused because the store's orders hold as many characters as they may.</summary>
    public int RefusedForSize { get; private set; }

    /// <summary>Takes the room for an order (new, or changed by <paramref name="growth"/> characters); why not, when it does not fit.</summary>
    public string? Take(bool isNew, long growth)
    {
        if (isNew && _orders <= 0)
        {
            RefusedForCount++;
            return count.Reached;
        }

        if (growth > 0 && growth > _chars)
        {
            RefusedForSize++;
            return size.Reached;
        }

        _orders -= isNew ? 1 : 0;
        _chars = growth < 0 && _chars > long.MaxValue + growth ? long.MaxValue : _chars - growth;
        return null;
    }
}
