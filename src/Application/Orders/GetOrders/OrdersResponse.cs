using ChannelBridge.Application.Common.Contracts;

namespace ChannelBridge.Application.Orders.GetOrders;

public sealed class OrdersResponse : LinnworksResponse
{
    public bool HasMorePages { get; set; }

    public IReadOnlyList<LinnworksOrder> Orders { get; set; } = [];
}
