using ChannelBridge.Application.Common.Linnworks;

namespace ChannelBridge.Application.Config.DeleteConfig;

/// <summary>The seller deleted this integration in Linnworks; its token must stop working.</summary>
public sealed record ConfigDeletedCommand : ILinnworksRequest<ConfigDeletedResponse>, IAcceptsDeletedIntegration
{
    public string? AuthorizationToken { get; init; }
}
