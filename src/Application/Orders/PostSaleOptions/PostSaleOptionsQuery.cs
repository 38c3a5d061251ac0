using ChannelBridge.Application.Common.Contracts;

namespace ChannelBridge.Application.Orders.PostSaleOptions;

/// <summary>What post-sale actions this channel supports.</summary>
public sealed record PostSaleOptionsQuery : ILinnworksRequest<PostSaleOptionsResponse>, IRequireAuthToken
{
    public string? AuthorizationToken { get; init; }
}
