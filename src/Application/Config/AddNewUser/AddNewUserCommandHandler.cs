using ChannelBridge.Application.Common.Calls;
using ChannelBridge.Application.Common.Ports;
using ChannelBridge.Application.OAuth;
using ChannelBridge.Domain.Stores;
using ChannelBridge.Domain.UserConfigs;

namespace ChannelBridge.Application.Config.AddNewUser;

/// <summary>
/// Creates the integration. With a valid OAuth bearer (Linnworks' OAuth option) it is linked to the
/// bearer's store at once and the wizard skips the StoreId/StoreKey step, unless the store has its limit of linked
/// integrations: then nothing is made, and the Error says why (ADR-039).
/// </summary>
internal sealed class AddNewUserCommandHandler(
    CallContext call, IUserConfigRepository userConfigs, IStoreRepository stores, BearerTokenValidator bearer, WizardDefinition wizard, NewIntegrationLimit limit,
    LinkedIntegrationLimit linkLimit, IRequestCredentials credentials, TimeProvider time)
    : LinnworksRequestHandler<AddNewUserCommand, AddNewUserResponse>(call)
{
    protected override async Task<AddNewUserResponse> HandleAsync(AddNewUserCommand request, CancellationToken cancellationToken)
    {
        if (limit.TryTake(credentials.ClientAddress, request.LinnworksUniqueIdentifier) is { } refused)
        {
            return new AddNewUserResponse { Error = refused };
        }

        var bearerCheck = await bearer.ValidateAsync(storeId: null, cancellationToken);
        if (bearerCheck.IsFailure)
        {
            return new AddNewUserResponse { Error = bearerCheck.ErrorMessage };
        }

        var token = bearerCheck.Value;
        var now = time.GetUtcNow().UtcDateTime;
        var created = UserConfig.Create(request.LinnworksUniqueIdentifier, request.Email, request.AccountName, wizard, now);
        if (!created.TryGetValue(out var value))
        {
            return new AddNewUserResponse { Error = created.ErrorMessage };
        }

        if (token is not null && await stores.GetAccessAsync(token.StoreId, cancellationToken) is { IsActive: true } store)
        {
            if (await linkLimit.RefusedAsync(store.Id, value.UserConfig.Id, cancellationToken) is { } atLimit)
            {
                return new AddNewUserResponse { Error = atLimit };
            }

            value.UserConfig.LinkByOAuth(store, wizard, now);
        }

        await userConfigs.SaveAsync(value.UserConfig, cancellationToken);
        return new AddNewUserResponse { AuthorizationToken = value.AuthorizationToken };
    }
}
