using ChannelBridge.Application.Common.Contracts;

namespace ChannelBridge.Application.Config.GetShippingTags;

public sealed record ShippingTagsQuery : ILinnworksRequest<ShippingTagsResponse>, IRequireLinkedStore
{
    public string? AuthorizationToken { get; init; }
}
