using ChannelBridge.Domain.Common;

namespace ChannelBridge.Domain.Stores;

/// <summary>
/// What decides whether an integration may use a store (<see cref="UserConfigs.UserConfig.CheckStoreAccess"/>): its id,
/// the hash of its current key, and whether it is active. Every Linnworks call checks it, so it is read on its own,
/// without the store's tags; only the tag endpoints load the whole store.
/// </summary>
public sealed record StoreAccess(string Id, SecretHash KeyHash, bool IsActive)
{
    public bool KeyMatches(string? storeKey) => KeyHash.Matches(storeKey);
}
