using ChannelBridge.Domain.Common;

namespace ChannelBridge.Domain.Stores;

/// <summary>
/// What decides whether an integration may link to and use a store (<see cref="UserConfigs.UserConfig.SaveStep"/>,
/// <see cref="UserConfigs.UserConfig.CheckStoreAccess"/>) and whether an OAuth client's secret is right: its id, the hash
/// of its current key, and whether it is active. Every Linnworks call checks it, so it is read on its own, without the
/// store's tags; only the tag endpoints and the Channel API's store management load the whole store.
/// </summary>
public sealed record StoreAccess(string Id, SecretHash KeyHash, bool IsActive)
{
    /// <summary>Whether <paramref name="storeKey"/> is the store's current key (compared by hash, in constant time).</summary>
    public bool KeyMatches(string? storeKey) => KeyHash.Matches(storeKey);
}
