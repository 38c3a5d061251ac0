using ChannelBridge.Application.Common.Calls;
using ChannelBridge.Domain.Common;
using ChannelBridge.Domain.Stores;
using ChannelBridge.Domain.UserConfigs;

namespace ChannelBridge.Application.Common;

/// <summary>
/// Reads the integration's store's access data (<see cref="StoreAccess"/>: one row, not the tags) and applies an access
/// rule (the store may be used now; or ConfigTest's stricter one). An OAuth-linked integration cut off by a key rotation is renewed here when the call carries a
/// valid bearer of that store: only the new key can have obtained it, because rotation revoked every older token.
/// </summary>
internal sealed class LinkedStoreAccess(CallContext call, IStoreRepository stores, IUserConfigRepository userConfigs, TimeProvider time)
{
    public async Task<(StoreAccess? Store, Result Access)> CheckAsync(Func<UserConfig, StoreAccess?, Result> rule, CancellationToken cancellationToken)
    {
        var userConfig = call.UserConfig;
        var store = userConfig.StoreId is null ? null : await stores.GetAccessAsync(userConfig.StoreId, cancellationToken);
        var access = rule(userConfig, store);
        if (access.IsFailure && store is not null && call.Bearer?.StoreId == store.Id &&
            userConfig.RenewOAuthLink(store, time.GetUtcNow().UtcDateTime))
        {
            await userConfigs.SaveAsync(userConfig, cancellationToken);
            access = rule(userConfig, store);
        }

        return (store, access);
    }
}
