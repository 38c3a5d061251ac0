using ChannelBridge.Application.Common;
using ChannelBridge.Application.Common.Calls;
using ChannelBridge.Application.Common.Linnworks;
using ChannelBridge.Domain.Stores;
using ChannelBridge.Domain.UserConfigs;

namespace ChannelBridge.Application.Config.SaveConfig;

/// <summary>
/// Validates the step, verifies the StoreId/StoreKey pair, stores the values and answers the next step. A link to a store
/// that has its limit of linked integrations is refused, and nothing is saved (ADR-039).
/// Saves are optimistic: if another SaveConfig of the same integration committed in between, the
/// integration is reloaded and the request applied again on top of it, so no update is lost.
/// </summary>
internal sealed class SaveConfigCommandHandler(
    CallContext call,
    IUserConfigRepository userConfigs,
    IStoreRepository stores,
    WizardDefinition wizard,
    UserConfigResponseFactory responses,
    LinkedIntegrationLimit linkLimit,
    TimeProvider time)
    : LinnworksRequestHandler<SaveConfigCommand, UserConfigResponse>(call)
{
    internal const int MaxAttempts = 5;

    protected override async Task<UserConfigResponse> HandleAsync(SaveConfigCommand request, CancellationToken cancellationToken)
    {
        var submitted = request.ConfigItems!
            .ToDictionary(i => i.ConfigItemId!, i => i.SelectedValue, StringComparer.OrdinalIgnoreCase);
        var userConfig = Call.UserConfig;
        return await ConflictRetry.RunAsync(
            async attempt =>
            {
                if (attempt > 1)
                {
                    // Another SaveConfig committed in between: apply this one again on top of it.
                    userConfig = await userConfigs.GetByIdAsync(userConfig.Id, cancellationToken);
                    if (userConfig is null || userConfig.IsDeleted)
                    {
                        return new UserConfigResponse { Error = LinnworksErrors.InvalidToken };
                    }
                }

                var proposedStoreId = userConfig.ProposedStoreId(submitted);
                var store = proposedStoreId is null ? null : await stores.GetAccessAsync(proposedStoreId, cancellationToken);
                var linkedBefore = userConfig.StoreId;
                var saved = userConfig.SaveStep(request.StepName, submitted, wizard, store, time.GetUtcNow().UtcDateTime);
                if (saved.IsFailure)
                {
                    return new UserConfigResponse { Error = saved.ErrorMessage };
                }

                if (userConfig.StoreId is { } linked && linked != linkedBefore && await linkLimit.RefusedAsync(linked, userConfig.Id, cancellationToken) is { } refused)
                {
                    return new UserConfigResponse { Error = refused };   // the step changed only this call's copy: nothing is saved
                }

                await userConfigs.SaveAsync(userConfig, cancellationToken);
                return responses.Create(userConfig);
            },
            whenExhausted: () => new UserConfigResponse { Error = LinnworksErrors.Busy },
            MaxAttempts);
    }
}
