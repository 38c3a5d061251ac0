using ChannelBridge.Application.Common.Linnworks;

namespace ChannelBridge.Application.Config.GetPaymentTags;

public sealed record PaymentTagsQuery : ILinnworksRequest<PaymentTagsResponse>, IRequireLinkedStore
{
    public string? AuthorizationToken { get; init; }
}
