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

    /// <summary>
    /// DispatchBy sent to Linnworks for an order the channel pushed without one: ReceivedDate plus this
    /// many days (Linnworks' DispatchBy is a value type, so "none" cannot be said). 0 sends the ReceivedDate.
    /// </summary>
    [Range(0, 60)]
    public int DispatchByDaysWhenAbsent { get; set; } = 2;

    /// <summary>
    /// An Orders page stops early when the stored JSON of its orders passes this many characters
    /// (at least one order is always served; HasMorePages stays exact).
    /// </summary>
    [Range(64 * 1024, 64 * 1024 * 1024)]
    public int PageBudgetChars { get; set; } = 2 * 1024 * 1024;
}
