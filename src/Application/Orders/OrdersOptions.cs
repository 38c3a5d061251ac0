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

    /// <summary>
    /// Days a finished order (despatched or cancelled) keeps its buyer's personal data before the retention sweep erases
    /// it (ADR-018); a store may set its own through the Channel API. 0 keeps it until erased on request.
    /// </summary>
    [Range(0, 3650)]
    public int PersonalDataRetentionDays { get; set; } = 30;

    /// <summary>How often one node (the lease holder) looks for personal data past its retention.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan PersonalDataSweepInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The most orders one store may hold (0: any number): a new order past it is answered Rejected, the orders the store
    /// holds still update (ADR-039). Every store shares the database, and orders are kept until
    /// <see cref="FinishedRetentionDays"/> deletes them finished; an order takes about 6 KB on SQLite (docs/performance.md),
    /// so the default is about 60 GB a store.
    /// </summary>
    [Range(0, long.MaxValue, ErrorMessage = "Orders:MaxOrdersPerStore must be 0 (no limit) or a number of orders.")]
    public long MaxOrdersPerStore { get; set; } = 10_000_000;

    /// <summary>
    /// The most characters of order content (as JSON) one store's orders may hold (0: any number): a new order, or a change
    /// that makes an order larger, past it is answered Rejected; other changes are stored (ADR-039). An order's text may run
    /// to 256 K characters, so the count alone would let one store hold terabytes; a real order takes 1-3 K, so a store
    /// reaches <see cref="MaxOrdersPerStore"/> first.
    /// </summary>
    [Range(0, long.MaxValue, ErrorMessage = "Orders:MaxOrderCharsPerStore must be 0 (no limit) or a number of characters.")]
    public long MaxOrderCharsPerStore { get; set; } = 30_000_000_000;

    /// <summary>
    /// Days a finished order (despatched or cancelled in full) is kept after its last change, from the platform or from
    /// Linnworks; then the hourly maintenance deletes it and it leaves its store's counts (ADR-044). 0 keeps every order.
    /// Otherwise at least 7, well past a download run's life (a day) and Linnworks' retries of a Despatch.
    /// </summary>
    [Range(0, 36500)]
    public int FinishedRetentionDays { get; set; }

    /// <summary>Orders erased per transaction: small, so the sweep never holds the write lock long enough to delay a Linnworks call.</summary>
    [Range(1, 1000)]
    public int PersonalDataBatchSize { get; set; } = 200;
}
