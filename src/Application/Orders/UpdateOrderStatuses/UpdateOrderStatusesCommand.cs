using ChannelBridge.Application.Orders.UpsertOrders;

namespace ChannelBridge.Application.Orders.UpdateOrderStatuses;

/// <summary>
/// The channel changes stored orders' payment status (an order paid later, or cancelled before it shipped) by
/// ReferenceNumber, without sending each whole order again; each is updated, left unchanged or rejected.
/// </summary>
public sealed record UpdateOrderStatusesCommand(string StoreId, IReadOnlyList<OrderStatusDto?>? Orders) : Stores.IChannelRequest<UpsertOrdersResponse>;

/// <summary>One order's new payment status: PAID, UNPAID or CANCELLED (or Linnworks' numbers 0, 1, 2).</summary>
public sealed class OrderStatusDto
{
    public string? ReferenceNumber { get; set; }

    public string? PaymentStatus { get; set; }

    /// <summary>When it was paid (UTC); left out, the order keeps the PaidOn it has.</summary>
    public DateTime? PaidOn { get; set; }
}
