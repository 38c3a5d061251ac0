using ChannelBridge.Application.Common.Linnworks;

namespace ChannelBridge.Application.Config.TestConfig;

/// <summary>The Test button: is the integration's configuration still valid?</summary>
public sealed record ConfigTestCommand : ILinnworksRequest<ConfigTestResponse>, IRequireAuthToken
{
    public string? AuthorizationToken { get; init; }
}
