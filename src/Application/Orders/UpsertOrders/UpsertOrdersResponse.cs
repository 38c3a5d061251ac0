using ChannelBridge.Application.Common;

namespace ChannelBridge.Application.Orders.UpsertOrders;

public sealed class UpsertOrdersResponse
{
    /// <summary>One per order sent, in the order sent.</summary>
    public IReadOnlyList<OrderUpsertResult> Results { get; set; } = [];
}

public sealed class OrderUpsertResult
{
    public string? ReferenceNumber { get; set; }

    public UpsertStatus Status { get; set; }

    public IReadOnlyList<string> Errors { get; set; } = [];
}
