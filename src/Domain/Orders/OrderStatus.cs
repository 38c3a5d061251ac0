namespace ChannelBridge.Domain.Orders;

/// <summary>Where an order stands after what Linnworks reported back.</summary>
public enum OrderStatus
{
    Open = 0,
    PartiallyDespatched = 1,
    Despatched = 2,
    Cancelled = 3,
}
