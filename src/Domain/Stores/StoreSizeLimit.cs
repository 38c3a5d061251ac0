namespace ChannelBridge.Domain.Stores;

/// <summary>
/// How many characters of order content one store may hold (<see cref="Max"/>; 0: any number). An order's text is
/// bounded (<see cref="Orders.OrderRules.MaxOrderTextChars"/>) and so is the number of orders (<see cref="StoreLimit"/>),
/// but their product is terabytes: a store pushing the largest orders it may fills the storage every store shares long
/// before it reaches its count (ADR-039). A new order, or a change that makes an order larger, is refused past it; a
/// change that does not grow an order is not.
/// </summary>
public readonly record struct StoreSizeLimit(long Max)
{
    public const string Setting = "Orders:MaxOrderCharsPerStore";

    /// <summary>
    /// How many more characters a store holding <paramref name="held"/> may take; less than none for a store past its limit
    /// (the limit lowered since), so an order that shrinks gives back room only once the store is under it.
    /// </summary>
    public long RoomFor(long held) => Max <= 0 ? long.MaxValue : Max - held;

    /// <summary>Why an order past the limit is refused, for the platform's support team.</summary>
    public string Reached => string.Create(
        System.Globalization.CultureInfo.InvariantCulture,
        $"The store's orders hold its limit of {Max} characters ({Setting}), so this order, new or larger than the one held, is not stored; a change that does not make an order larger still is. The service's operator can raise the limit.");
}
