using ChannelBridge.Application.Common.Linnworks;

namespace ChannelBridge.Application.Config.GetUserConfig;

/// <summary>The integration's current wizard step, or the config screen once the wizard is complete.</summary>
public sealed record UserConfigQuery : ILinnworksRequest<UserConfigResponse>, IRequireAuthToken
{
    public string? AuthorizationToken { get; init; }
}
