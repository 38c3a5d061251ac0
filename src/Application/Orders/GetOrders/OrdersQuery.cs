using ChannelBridge.Application.Common.Linnworks;
using ChannelBridge.Application.OAuth;

namespace ChannelBridge.Application.Orders.GetOrders;

/// <summary>Linnworks downloads the orders changed since UTCTimeFrom, a page at a time from PageNumber 1.</summary>
[OAuthScope(OAuthScopeAttribute.Orders)]
public sealed record OrdersQuery : ILinnworksRequest<OrdersResponse>, IRequireLinkedStore
{
    public string? AuthorizationToken { get; init; }

    /// <summary>UTC; <c>yyyy-MM-dd HH:mm:ssZ</c> or ISO 8601.</summary>
    public DateTime? UTCTimeFrom { get; init; }

    public int PageNumber { get; init; }
}
