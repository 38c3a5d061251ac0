using ChannelBridge.Application.Common.Contracts;
using ChannelBridge.Application.Common.Messaging;

namespace ChannelBridge.Application.Config.GetUserConfig;

internal sealed class UserConfigQueryHandler(IntegrationContext integration, UserConfigResponseFactory responses)
    : LinnworksRequestHandler<UserConfigQuery, UserConfigResponse>
{
    protected override Task<UserConfigResponse> HandleAsync(UserConfigQuery request, CancellationToken cancellationToken) =>
        Task.FromResult(responses.Create(integration.UserConfig));
}
