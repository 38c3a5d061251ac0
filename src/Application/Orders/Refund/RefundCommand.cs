using ChannelBridge.Application.Common.Linnworks;
using ChannelBridge.Application.OAuth;

namespace ChannelBridge.Application.Orders.Refund;

/// <summary>The seller refunded (part of) an order in Linnworks.</summary>
[OAuthScope(OAuthScopeAttribute.Orders)]
public sealed record RefundCommand : ILinnworksRequest<RefundResponse>, IRequireLinkedStore
{
    public string? AuthorizationToken { get; init; }

    public RefundDto? Refund { get; init; }
}

public sealed class RefundDto
{
    public string? ReferenceNumber { get; set; }

    public string? ExternalReference { get; set; }

    public decimal RefundShippingAmount { get; set; }

    public List<RefundItemDto> Items { get; set; } = [];

    /// <summary>The report as the store's feed relays it: naming the order as it is stored (the reference trimmed), as a despatch's entry does.</summary>
    public RefundDto NamedAs(string reference)
    {
        var relayed = (RefundDto)MemberwiseClone();
        relayed.ReferenceNumber = reference;
        return relayed;
    }
}

public sealed class RefundItemDto
{
    public string? SKU { get; set; }

    public string? OrderLineNumber { get; set; }

    public decimal RefundAmount { get; set; }

    public string? Reason { get; set; }

    public string? SecondaryReason { get; set; }
}

public sealed class RefundResponse : LinnworksResponse
{
    /// <summary>The bridge's id for this refund; the same refund sent again gets the same reference.</summary>
    public string RefundReference { get; set; } = string.Empty;
}
