using ChannelBridge.Application.Common.Contracts;

namespace ChannelBridge.Application.Config.GetShippingTags;

public sealed class ShippingTagsResponse : LinnworksResponse
{
    public IReadOnlyList<TagDto> ShippingTags { get; set; } = [];
}
