using ChannelBridge.Application.Common.Contracts;

namespace ChannelBridge.Application.Config.GetPaymentTags;

public sealed record PaymentTagsQuery : ILinnworksRequest<PaymentTagsResponse>, IRequireAuthToken
{
    public string? AuthorizationToken { get; init; }
}
