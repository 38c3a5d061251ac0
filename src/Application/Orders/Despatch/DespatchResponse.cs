using ChannelBridge.Application.Common.Linnworks;
using ChannelBridge.Application.Common.Ports;

namespace ChannelBridge.Application.Orders.Despatch;

public sealed class DespatchResponse : LinnworksResponse, ICountsItems
{
    int ICountsItems.ItemCount => Orders.Count;

    /// <summary>Every ReferenceNumber sent, in the order sent.</summary>
    public IReadOnlyList<DespatchOrderResult> Orders { get; set; } = [];
}

public sealed class DespatchOrderResult
{
    public string ReferenceNumber { get; set; } = string.Empty;

    public string? Error { get; set; }

    /// <summary>A transient failure: Linnworks should send this order again (it retries up to 10 times).</summary>
    public bool Retry { get; set; }
}
