using ChannelBridge.Application.Common.Contracts;
using ChannelBridge.Application.Common.Messaging;
using ChannelBridge.Domain.Stores;

namespace ChannelBridge.Application.Config.TestConfig;

/// <summary>Fails when the wizard is incomplete, or the store is unlinked, gone, disabled or its key was rotated.</summary>
internal sealed class ConfigTestCommandHandler(IntegrationContext integration, IStoreRepository stores)
    : LinnworksRequestHandler<ConfigTestCommand, ConfigTestResponse>
{
    protected override async Task<ConfigTestResponse> HandleAsync(ConfigTestCommand request, CancellationToken cancellationToken)
    {
        var userConfig = integration.UserConfig;
        var store = userConfig.StoreId is null ? null : await stores.GetByIdAsync(userConfig.StoreId, cancellationToken);
        var test = userConfig.TestConfiguration(store);
        return new ConfigTestResponse { Error = test.IsSuccess ? null : test.ErrorMessage };
    }
}
