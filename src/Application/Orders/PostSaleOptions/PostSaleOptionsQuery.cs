using ChannelBridge.Application.Common.Linnworks;
using ChannelBridge.Application.OAuth;

namespace ChannelBridge.Application.Orders.PostSaleOptions;

/// <summary>What post-sale actions this channel supports.</summary>
[OAuthScope(OAuthScopeAttribute.Orders)]
public sealed record PostSaleOptionsQuery : ILinnworksRequest<PostSaleOptionsResponse>, IRequireAuthToken
{
    public string? AuthorizationToken { get; init; }
}
