using ChannelBridge.Application.Common.Linnworks;

namespace ChannelBridge.Application.Config.GetPaymentTags;

public sealed class PaymentTagsResponse : LinnworksResponse
{
    public IReadOnlyList<TagDto> PaymentTags { get; set; } = [];
}
