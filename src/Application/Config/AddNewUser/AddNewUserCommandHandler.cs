using ChannelBridge.Application.Common.Messaging;
using ChannelBridge.Domain.UserConfigs;

namespace ChannelBridge.Application.Config.AddNewUser;

internal sealed class AddNewUserCommandHandler(IUserConfigRepository userConfigs, WizardDefinition wizard, TimeProvider time)
    : LinnworksRequestHandler<AddNewUserCommand, AddNewUserResponse>
{
    protected override async Task<AddNewUserResponse> HandleAsync(AddNewUserCommand request, CancellationToken cancellationToken)
    {
        var created = UserConfig.Create(request.LinnworksUniqueIdentifier, request.Email, request.AccountName, wizard, time.GetUtcNow().UtcDateTime);
        if (!created.TryGetValue(out var value))
        {
            return new AddNewUserResponse { Error = created.ErrorMessage };
        }

        await userConfigs.SaveAsync(value.UserConfig, cancellationToken);
        return new AddNewUserResponse { AuthorizationToken = value.AuthorizationToken };
    }
}
