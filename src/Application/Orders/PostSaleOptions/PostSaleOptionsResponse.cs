using ChannelBridge.Application.Common.Linnworks;

namespace ChannelBridge.Application.Orders.PostSaleOptions;

/// <summary>
/// What the bridge supports, honestly: cancellations (whole orders, lines, partial quantities) and
/// refunds (per item, and shipping independently) are recorded and passed to the channel on its
/// updates feed. Returns and extra refunds are not supported. An operator whose platform cannot act
/// on one of these turns it off under <c>PostSale</c> in configuration.
/// </summary>
public sealed class PostSaleOptionsResponse : LinnworksResponse
{
    public bool CanCancel { get; set; }

    public bool CanCancelOrderLines { get; set; }

    public bool CanCancelOrderLinesPartially { get; set; }

    public bool AutomaticRefundOnCancel { get; set; }

    public bool CanRefund { get; set; }

    public bool CanAttachRefundToItem { get; set; }

    public bool CanAttachRefundToService { get; set; }

    /// <summary>Flags: 0 NotSupported, 1 TiedToItem, 2 Independent.</summary>
    public int RefundShippingTypes { get; set; }

    public bool CanRefundAdditionally { get; set; }

    public bool CanReturn { get; set; }

    public IReadOnlyList<PostSaleReasonDto> PostSaleReasons { get; set; } = [];
}

public sealed class PostSaleReasonDto
{
    public string Tag { get; set; } = string.Empty;

    public string DisplayName { get; set; } = string.Empty;

    /// <summary>
    /// ChannelReasonType numbers: 0 Cancellation, 1 ItemRefund, 2 ShippingRefund, 3 ServiceRefund, 4 AdditionalRefund.
    /// Linnworks' official class names this list <c>Types</c>; the docs say <c>Type</c>. Both are sent.
    /// </summary>
    public IReadOnlyList<int> Types { get; set; } = [];

    /// <summary>The docs' spelling of <see cref="Types"/>, the same list.</summary>
    public IReadOnlyList<int> Type => Types;

    public IReadOnlyList<PostSaleSubReasonDto> SubReasons { get; set; } = [];
}

public sealed class PostSaleSubReasonDto
{
    public string Tag { get; set; } = string.Empty;

    public string DisplayName { get; set; } = string.Empty;
}
