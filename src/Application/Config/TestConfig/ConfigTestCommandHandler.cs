using ChannelBridge.Application.Common.Messaging;
using ChannelBridge.Application.Common;

namespace ChannelBridge.Application.Config.TestConfig;

/// <summary>Fails when the wizard is incomplete, or the store is unlinked, gone, disabled or its key was rotated.</summary>
internal sealed class ConfigTestCommandHandler(LinkedStoreAccess linkedStore)
    : LinnworksRequestHandler<ConfigTestCommand, ConfigTestResponse>
{
    protected override async Task<ConfigTestResponse> HandleAsync(ConfigTestCommand request, CancellationToken cancellationToken)
    {
        var (_, test) = await linkedStore.CheckAsync((userConfig, store) => userConfig.TestConfiguration(store), cancellationToken);
        return new ConfigTestResponse { Error = test.IsSuccess ? null : test.ErrorMessage };
    }
}
