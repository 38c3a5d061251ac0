using ChannelBridge.Application.Common.Contracts;
using ChannelBridge.Domain.Common;
using ChannelBridge.Domain.Stores;

namespace ChannelBridge.Application.Config;

/// <summary>Loads the store of the request's integration, if the integration may use it now.</summary>
internal sealed class LinkedStoreReader(IntegrationContext integration, IStoreRepository stores)
{
    public async Task<Result<Store>> GetAsync(CancellationToken cancellationToken)
    {
        var userConfig = integration.UserConfig;
        var store = userConfig.StoreId is null ? null : await stores.GetByIdAsync(userConfig.StoreId, cancellationToken);
        var access = userConfig.CheckStoreAccess(store);
        return access.IsSuccess ? Result.Success(store!) : Result<Store>.Failure(access.Errors);
    }
}
