namespace ChannelBridge.Domain.Orders;

/// <summary>
/// How many orders one store may hold (<see cref="Max"/>; 0: any number). Every store's orders share one database, and
/// orders are never deleted, so without a bound one store pushing orders in a loop fills the storage every other store
/// writes to (ADR-039). A store at its limit still updates the orders it holds; only orders it does not hold yet are refused.
/// </summary>
public readonly record struct StoreOrderLimit(long Max)
{
    /// <summary>How many new orders a store holding <paramref name="held"/> may still take.</summary>
    public long RoomFor(long held) => Max <= 0 ? long.MaxValue : Math.Max(0, Max - held);

    /// <summary>Why a new order past the limit is refused, for the platform's support team.</summary>
    public string Reached => string.Create(
        System.Globalization.CultureInfo.InvariantCulture,
        $"The store holds its limit of {Max} orders (Orders:MaxOrdersPerStore), so this new order is not stored; the orders it holds can still be updated. The service's operator can raise the limit.");
}
