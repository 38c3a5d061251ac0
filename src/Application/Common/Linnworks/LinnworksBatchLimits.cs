namespace ChannelBridge.Application.Common.Linnworks;

/// <summary>
/// The most items one Linnworks update call may carry. The validators refuse more, and the manifest
/// declares exactly these (<c>DespatchUpdateBatchSize</c>, <c>InventoryUpdateBatchSize</c>,
/// <c>PriceUpdateBatchSize</c>), so Linnworks never sends a batch the service cannot finish inside the
/// deadline. The benchmark times a full batch of each (docs/performance.md).
/// </summary>
public static class LinnworksBatchLimits
{
    public const int Despatch = 500;
    public const int InventoryUpdate = 5000;
    public const int PriceUpdate = 5000;

    /// <summary>Linnworks sends at most 50 listings per ListingUpdate; <c>ListingUpdateBatchSize</c> may only lower that.</summary>
    public const int ListingUpdate = 50;
}
