using ChannelBridge.Application.Common.Linnworks;

namespace ChannelBridge.Application.Config.GetShippingTags;

public sealed class ShippingTagsResponse : LinnworksResponse
{
    public IReadOnlyList<TagDto> ShippingTags { get; set; } = [];
}
