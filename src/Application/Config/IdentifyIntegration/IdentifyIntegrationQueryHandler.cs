using ChannelBridge.Application.Common;
using ChannelBridge.Application.Common.Calls;
using MediatR;

namespace ChannelBridge.Application.Config.IdentifyIntegration;

/// <summary>
/// Looks the token up (<see cref="IntegrationsByToken"/>), once per call: the result is kept for the pipeline's token
/// check (<see cref="Common.Behaviours.AuthTokenBehaviour{TRequest, TResponse}"/>), which counts a failure against the
/// caller's address and answers it.
/// </summary>
internal sealed class IdentifyIntegrationQueryHandler(IntegrationsByToken integrations, CallContext call)
    : IRequestHandler<IdentifyIntegrationQuery, IntegrationIdentity>
{
    public async Task<IntegrationIdentity> Handle(IdentifyIntegrationQuery request, CancellationToken cancellationToken)
    {
        if (IntegrationsByToken.HashOf(request.Token) is not { } tokenHash)
        {
            return IntegrationIdentity.NotLookedUp;
        }

        var found = await integrations.FindAsync(tokenHash, request.ClientAddress, cancellationToken);
        call.Identify(new IdentifiedIntegration(tokenHash, found));
        return found is null ? IntegrationIdentity.Unknown : new IntegrationIdentity(found.Id, false, found.IsDeleted ? null : found.StoreId);
    }
}
