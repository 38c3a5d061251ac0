using System.ComponentModel.DataAnnotations;

namespace ChannelBridge.Application.Orders;

/// <summary>Section <c>Orders</c>.</summary>
public sealed class OrdersOptions
{
    public const string SectionName = "Orders";

    /// <summary>Orders per Orders page (Linnworks suggests at most 100).</summary>
    [Range(1, 100)]
    public int PageSize { get; set; } = 100;

    /// <summary>
    /// UTCTimeFrom is moved back by this much, so an order whose change committed just as a download
    /// ran is still sent next time (Linnworks de-duplicates by ReferenceNumber).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan UtcTimeFromOverlap { get; set; } = TimeSpan.FromMinutes(2);
}
