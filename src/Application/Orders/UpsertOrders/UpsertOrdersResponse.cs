namespace ChannelBridge.Application.Orders.UpsertOrders;

public sealed class UpsertOrdersResponse
{
    /// <summary>One per order sent, in the order sent.</summary>
    public IReadOnlyList<OrderUpsertResult> Results { get; set; } = [];
}

public sealed class OrderUpsertResult
{
    public string? ReferenceNumber { get; set; }

    /// <summary>Created, Updated, Unchanged or Rejected.</summary>
    public string Status { get; set; } = string.Empty;

    public IReadOnlyList<string> Errors { get; set; } = [];
}
