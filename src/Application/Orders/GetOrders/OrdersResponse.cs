using ChannelBridge.Application.Common.Linnworks;
using ChannelBridge.Application.Common.Ports;

namespace ChannelBridge.Application.Orders.GetOrders;

public sealed class OrdersResponse : LinnworksResponse, ICountsItems
{
    int ICountsItems.ItemCount => Orders.Count;

    public bool HasMorePages { get; set; }

    public IReadOnlyList<DownloadedOrder> Orders { get; set; } = [];
}
