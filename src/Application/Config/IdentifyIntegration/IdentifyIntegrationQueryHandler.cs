using ChannelBridge.Application.Common;
using ChannelBridge.Application.Common.Calls;
using ChannelBridge.Application.Common.Linnworks;
using ChannelBridge.Domain.Common;
using ChannelBridge.Domain.UserConfigs;
using MediatR;

namespace ChannelBridge.Application.Config.IdentifyIntegration;

/// <summary>
/// Looks the token up by its hash, once per call: the result is kept for the pipeline's token check
/// (<see cref="Common.Behaviours.AuthTokenBehaviour{TRequest, TResponse}"/>), which counts a failure against the caller's
/// address and answers it. A token remembered unknown from an address past its failure limit is not looked up again.
/// </summary>
internal sealed class IdentifyIntegrationQueryHandler(IUserConfigRepository userConfigs, FailedAuthentications failures, CallContext call)
    : IRequestHandler<IdentifyIntegrationQuery, IntegrationIdentity>
{
    public async Task<IntegrationIdentity> Handle(IdentifyIntegrationQuery request, CancellationToken cancellationToken)
    {
        var token = request.Token.Trim();
        if (token.Length == 0 || token.Length > IRequireAuthToken.MaxTokenLength)
        {
            return IntegrationIdentity.NotLookedUp;
        }

        var tokenHash = SecretHash.Of(token).Hex;
        UserConfig? found = null;
        if (!failures.IsKnownFailure(request.ClientAddress, tokenHash))
        {
            found = await userConfigs.GetByTokenHashAsync(tokenHash, cancellationToken);
            if (found is null)
            {
                failures.RememberUnknown(tokenHash);
            }
        }

        call.Identify(new IdentifiedIntegration(tokenHash, found));
        return found is null ? IntegrationIdentity.Unknown : new IntegrationIdentity(found.Id, false);
    }
}
