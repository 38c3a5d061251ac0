using ChannelBridge.Application.Common.Calls;

namespace ChannelBridge.Application.Config.GetUserConfig;

internal sealed class UserConfigQueryHandler(CallContext call, UserConfigResponseFactory responses)
    : LinnworksRequestHandler<UserConfigQuery, UserConfigResponse>(call)
{
    protected override Task<UserConfigResponse> HandleAsync(UserConfigQuery request, CancellationToken cancellationToken) =>
        Task.FromResult(responses.Create(Call.UserConfig));
}
