namespace ChannelBridge.Domain.Stores;

/// <summary>
/// How many orders, or listings, one store may hold (<see cref="Max"/>; 0: any number). Every store's rows share one
/// database, and orders leave only once finished and past the operator's retention (ADR-044), so without a bound one
/// store pushing in a loop fills the storage every other store writes to (ADR-039). A store at its limit still updates
/// what it holds; only what it does not hold yet is refused.
/// </summary>
public readonly record struct StoreLimit(long Max, string Items, string Setting)
{
    public static StoreLimit Orders(long max) => new(max, "orders", "Orders:MaxOrdersPerStore");

    public static StoreLimit Listings(long max) => new(max, "listings", "Listings:MaxListingsPerStore");

    /// <summary>The Linnworks integrations linked to a store and not deleted: one more is not linked past it.</summary>
    public static StoreLimit LinkedIntegrations(long max) => new(max, "linked integrations", "Integrations:MaxLinkedPerStore");

    /// <summary>How many new items a store holding <paramref name="held"/> may still take.</summary>
    public long RoomFor(long held) => Max <= 0 ? long.MaxValue : Math.Max(0, Max - held);

    /// <summary>Why a new item past the limit is refused, for the platform's support team.</summary>
    public string Reached => string.Create(
        System.Globalization.CultureInfo.InvariantCulture,
        $"The store holds its limit of {Max} {Items} ({Setting}), so this new one is not stored; the {Items} it holds can still be updated. The service's operator can raise the limit.");
}
