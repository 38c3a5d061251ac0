using ChannelBridge.Application.Common.Calls;
using ChannelBridge.Application.Common.Linnworks;
using ChannelBridge.Domain.Common;
using ChannelBridge.Domain.UserConfigs;

namespace ChannelBridge.Application.Config.DeleteConfig;

/// <summary>Marks the integration deleted and erases its values. Other integrations of the seller are untouched.</summary>
internal sealed class ConfigDeletedCommandHandler(CallContext call, IUserConfigRepository userConfigs, TimeProvider time)
    : LinnworksRequestHandler<ConfigDeletedCommand, ConfigDeletedResponse>(call)
{
    protected override async Task<ConfigDeletedResponse> HandleAsync(ConfigDeletedCommand request, CancellationToken cancellationToken)
    {
        var userConfig = Call.UserConfig;
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            userConfig.MarkDeleted(time.GetUtcNow().UtcDateTime);
            try
            {
                await userConfigs.SaveAsync(userConfig, cancellationToken);
                return new ConfigDeletedResponse();
            }
            catch (ConcurrencyConflictException)
            {
                // A SaveConfig committed in between: deletion wins, on top of the fresh state.
                var fresh = await userConfigs.GetByIdAsync(userConfig.Id, cancellationToken);
                if (fresh is null || fresh.IsDeleted)
                {
                    return new ConfigDeletedResponse();
                }

                userConfig = fresh;
            }
        }

        return new ConfigDeletedResponse { Error = LinnworksErrors.Busy };
    }
}
