using ChannelBridge.Application.Common.Linnworks;

namespace ChannelBridge.Application.Config.GetShippingTags;

public sealed record ShippingTagsQuery : ILinnworksRequest<ShippingTagsResponse>, IRequireLinkedStore
{
    public string? AuthorizationToken { get; init; }
}
