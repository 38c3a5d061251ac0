using ChannelBridge.Application.Common;
using ChannelBridge.Application.Common.Calls;

namespace ChannelBridge.Application.Config.TestConfig;

/// <summary>Fails when the wizard is incomplete, or the store is unlinked, gone, disabled or its key was rotated.</summary>
internal sealed class ConfigTestCommandHandler(CallContext call, LinkedStoreAccess linkedStore)
    : LinnworksRequestHandler<ConfigTestCommand, ConfigTestResponse>(call)
{
    protected override async Task<ConfigTestResponse> HandleAsync(ConfigTestCommand request, CancellationToken cancellationToken)
    {
        var (_, test) = await linkedStore.CheckAsync((userConfig, store) => userConfig.TestConfiguration(store), cancellationToken);
        return new ConfigTestResponse { Error = test.IsSuccess ? null : test.ErrorMessage };
    }
}
