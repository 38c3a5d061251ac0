using System.Text.Json.Serialization;
using ChannelBridge.Application.Common.Json;
using ChannelBridge.Application.Common.Linnworks;
using ChannelBridge.Application.OAuth;

namespace ChannelBridge.Application.Orders.Despatch;

/// <summary>Orders shipped in Linnworks, with tracking; may be partial or split into several despatches.</summary>
[OAuthScope(OAuthScopeAttribute.Orders)]
public sealed record DespatchCommand : ILinnworksRequest<DespatchResponse>, IRequireLinkedStore, IAnswersEveryItem<DespatchResponse>
{
    public string? AuthorizationToken { get; init; }

    [JsonConverter(typeof(ItemListJsonConverter<DespatchOrderDto>))]
    public IReadOnlyList<DespatchOrderDto?>? Orders { get; init; }

    public DespatchResponse AnswerEveryItem(string error, bool transient) => new()
    {
        Error = error,
        Orders = [.. (Orders ?? []).Select(o => new DespatchOrderResult { ReferenceNumber = o?.ReferenceNumber ?? string.Empty, Error = error, Retry = transient })],
    };
}

public sealed class DespatchOrderDto : ILinnworksItem
{
    public static string KeyProperty => nameof(ReferenceNumber);

    public string? ReferenceNumber { get; set; }

    /// <summary>"NONE" when the seller set no carrier.</summary>
    public string? ShippingVendor { get; set; }

    /// <summary>"Default" when the seller set no service.</summary>
    public string? ShippingMethod { get; set; }

    public string? TrackingNumber { get; set; }

    public string? TrackingUrl { get; set; }

    public List<string>? SecondaryTrackingNumbers { get; set; }

    public DateTime? ProcessedOn { get; set; }

    public List<DespatchItemDto> Items { get; set; } = [];

    public List<DespatchPackageDto>? Packages { get; set; }

    [JsonIgnore]
    public string? ItemKey
    {
        get => ReferenceNumber;
        set => ReferenceNumber = value;
    }

    [JsonIgnore]
    public string? ReadError { get; set; }
}

public sealed class DespatchItemDto
{
    public string? SKU { get; set; }

    public string? OrderLineNumber { get; set; }

    /// <summary>May be less than ordered; the rest comes in a later despatch. Sent as a number or a string.</summary>
    public int DespatchedQuantity { get; set; }
}

public sealed class DespatchPackageDto
{
    public string? ShippingVendor { get; set; }

    public string? ShippingMethod { get; set; }

    public string? TrackingNumber { get; set; }

    public string? TrackingUrl { get; set; }

    public List<DespatchItemDto> Items { get; set; } = [];
}
