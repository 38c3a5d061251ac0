using ChannelBridge.Application.Common.Linnworks;
using ChannelBridge.Application.OAuth;

namespace ChannelBridge.Application.Orders.Cancel;

/// <summary>The seller cancelled an open order (or some of its lines) in Linnworks.</summary>
[OAuthScope(OAuthScopeAttribute.Orders)]
public sealed record CancelCommand : ILinnworksRequest<CancelResponse>, IRequireLinkedStore
{
    public string? AuthorizationToken { get; init; }

    public CancellationDto? Cancellation { get; init; }
}

public sealed class CancellationDto
{
    public string? ReferenceNumber { get; set; }

    public string? ExternalReference { get; set; }

    public List<CancellationItemDto> Items { get; set; } = [];

    /// <summary>The report as the store's feed relays it: naming the order as it is stored (the reference trimmed), as a despatch's entry does.</summary>
    public CancellationDto NamedAs(string reference)
    {
        var relayed = (CancellationDto)MemberwiseClone();
        relayed.ReferenceNumber = reference;
        return relayed;
    }
}

public sealed class CancellationItemDto
{
    public string? SKU { get; set; }

    public string? OrderLineNumber { get; set; }

    public int CancellationQuantity { get; set; }

    public string? Reason { get; set; }

    public string? SecondaryReason { get; set; }
}

public sealed class CancelResponse : LinnworksResponse;
