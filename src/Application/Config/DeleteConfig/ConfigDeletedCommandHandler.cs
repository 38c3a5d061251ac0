using ChannelBridge.Application.Common;
using ChannelBridge.Application.Common.Calls;
using ChannelBridge.Application.Common.Linnworks;
using ChannelBridge.Domain.UserConfigs;

namespace ChannelBridge.Application.Config.DeleteConfig;

/// <summary>Marks the integration deleted and erases its values. Other integrations of the seller are untouched.</summary>
internal sealed class ConfigDeletedCommandHandler(CallContext call, IUserConfigRepository userConfigs, TimeProvider time)
    : LinnworksRequestHandler<ConfigDeletedCommand, ConfigDeletedResponse>(call)
{
    protected override async Task<ConfigDeletedResponse> HandleAsync(ConfigDeletedCommand request, CancellationToken cancellationToken)
    {
        UserConfig? userConfig = Call.UserConfig;
        return await ConflictRetry.RunAsync(
            async attempt =>
            {
                if (attempt > 1)
                {
                    // A SaveConfig committed in between: deletion wins, on top of the fresh state.
                    userConfig = await userConfigs.GetByIdAsync(userConfig!.Id, cancellationToken);
                    if (userConfig is null || userConfig.IsDeleted)
                    {
                        return new ConfigDeletedResponse();
                    }
                }

                userConfig!.MarkDeleted(time.GetUtcNow().UtcDateTime);
                await userConfigs.SaveAsync(userConfig, cancellationToken);
                return new ConfigDeletedResponse();
            },
            whenExhausted: () => new ConfigDeletedResponse { Error = LinnworksErrors.Busy },
            maxAttempts: 5);
    }
}
