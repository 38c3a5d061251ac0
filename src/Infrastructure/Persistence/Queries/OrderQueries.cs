using System.Globalization;
using ChannelBridge.Application.Orders;
using ChannelBridge.Domain.Orders;

namespace ChannelBridge.Infrastructure.Persistence.Queries;

/// <summary>
/// Pages through a store's order change log (ADR-005): a run covers the changes from the first Seq at
/// or after UTCTimeFrom to the newest Seq when PageNumber 1 was asked; each order appears once, at its
/// latest change within that range.
/// </summary>
internal sealed class OrderQueries(CallConnections connections, SnapshotPager pager) : IOrderQueries
{
    // A run starts at the lowest commit sequence among changes at or after From — not at the change with the earliest
    // clock time: with clock skew between nodes or a lock wait, a lower Seq can carry a later ChangedUtc, and starting
    // at the earliest clock's Seq would skip it for good. MIN(Seq) over every change since From would read them all
    // (60 ms at 1M orders), so it is taken over the first SkewTolerance after From (where a skewed change can be) and
    // combined with the index seek for the first change by time. Starting lower only re-sends (Linnworks dedups).
    private const string FirstSeqByTime = """
        SELECT /*TOP*/ Seq FROM OrderChanges WHERE StoreId = @StoreId AND ChangedUtc >= @From ORDER BY ChangedUtc, Seq
        /*LIMIT*/
        """;

    private const string FirstSeqInSkewWindow = "SELECT MIN(Seq) FROM OrderChanges WHERE StoreId = @StoreId AND ChangedUtc >= @From AND ChangedUtc < @WindowEnd";

    private static readonly TimeSpan SkewTolerance = TimeSpan.FromHours(1);

    private const string HighWater = "SELECT MAX(Seq) FROM OrderChanges WHERE StoreId = @StoreId";

    // Whether the integration downloads the order as it is now: unpaid orders only with ImportUnpaidOrders, and none
    // received before IgnoreOrdersOlderThanDays reaches.
    private const string Wanted = "(@IncludeUnpaid = 1 OR o.PaymentStatus <> @Unpaid) AND (@NotBefore IS NULL OR o.ReceivedDate IS NULL OR o.ReceivedDate >= @NotBefore)";

    private const string ChangedSinceTheRunBegan = "EXISTS (SELECT 1 FROM OrderChanges m WHERE m.OrderId = c.OrderId AND m.Seq > @HighWater)";

    // A page looks at no more than @ScanLimit of the run's changes after its start (its window): a page whose window
    // holds fewer orders to send than a page takes ends where the window does, and says more follow if the window was
    // full. A page that read changes until it had a page's worth would read every order the filters leave out before
    // the next one to send: for a store that loads two years of orders after its integration is made (each older than
    // IgnoreOrdersOlderThanDays), half a second at 200,000, and past the deadline at a few million, on every retry.
    private const string ScanWindow = """
        SELECT /*TOP:ScanLimit*/ Seq, OrderId FROM OrderChanges WHERE StoreId = @StoreId AND Seq > @After AND Seq <= @HighWater ORDER BY Seq /*LIMIT:ScanLimit*/
        """;

    // The last change of a page's window when the window is full (else NULL): read only for a page that ends before its
    // limit of orders.
    private const string ScanEnd = $"SELECT CASE WHEN COUNT(*) >= @ScanLimit THEN MAX(Seq) END FROM ({ScanWindow}) w";

    // A run's pages are counted over the orders as they were at its high-water mark, so an order changing during the run
    // moves no page boundary, and a page found again by counting the run's orders (another node, a restart) starts where
    // the run's first reading of it did (ADR-005):
    // - an order fully despatched or erased leaves the downloads, and counts out only when it left before the mark
    //   (HiddenSeq, migration 0029; one hidden before the column has none and counts out of every run). An order in the
    //   downloads has no HiddenSeq (OrderRepository), so the common row is decided by the two columns read before it;
    // - the platform's changes come with a change above the mark, so an order changed since then counts in whatever its
    //   payment status and received date now say: at worst one counts in that did not (a recount repeats an order, which
    //   Linnworks ignores by ReferenceNumber), and none counts out that counted in. Read as they are now for every order,
    //   a platform moving a counted order's received date before IgnoreOrdersOlderThanDays during a run would count it
    //   out of a recount, and the run would skip the first order of the page after it for good.
    // An order counted in that the integration would not download now keeps its place and is not served (NotServed):
    // its page is one order short.
    private const string PageFilter = $"""
        FROM ({ScanWindow}) c
        JOIN Orders o ON o.Id = c.OrderId
        WHERE NOT EXISTS (SELECT 1 FROM OrderChanges n WHERE n.OrderId = c.OrderId AND n.Seq > c.Seq AND n.Seq <= @HighWater)
          AND ((o.Status <> 2 AND o.ErasedUtc IS NULL) OR o.HiddenSeq > @HighWater)
          AND (({Wanted}) OR {ChangedSinceTheRunBegan})
        ORDER BY c.Seq
        """;

    private const string NotServed = $"CASE WHEN o.HiddenSeq IS NULL AND {Wanted} THEN 0 ELSE 1 END";

    private const string PageSeqs = $"SELECT /*TOP*/ c.Seq, COALESCE(o.ContentChars, /*LENGTH*/(o.ContentJson)) AS {nameof(PageRow.Chars)} " + PageFilter + " /*LIMIT*/";

    // The stored rendering when it was made in today's format, else the content to map (ADR-011): never both. Read by
    // column position (ReadRowsAsync), not by Dapper's mapper: it is the statement of every page Linnworks downloads.
    private const string Page = $"""
        SELECT /*TOP*/ c.Seq, CAST(COALESCE(o.ContentChars, /*LENGTH*/(o.ContentJson)) AS BIGINT),
               CASE WHEN o.DownloadFormat = @DownloadFormat AND o.DownloadJson IS NOT NULL THEN o.DownloadJson END,
               CASE WHEN o.DownloadFormat = @DownloadFormat AND o.DownloadJson IS NOT NULL THEN NULL ELSE o.ContentJson END,
               o.ContentFormat, {NotServed}
        """ + "\n" + PageFilter + " /*LIMIT*/";

    // The statements as each provider reads them, rendered once per process: each is a prepared statement kept by a
    // session's connection (ReadSession), found by its text.
    private static readonly Dictionary<SqlDialect, (string Page, string PageSeqs, string FirstSeqByTime, string ScanEnd)> Rendered =
        new[] { SqlDialect.Sqlite, SqlDialect.SqlServer }.ToDictionary(d => d, d => (d.Render(Page), d.Render(PageSeqs), d.Render(FirstSeqByTime), d.Render(ScanEnd)));

    private readonly (string Page, string PageSeqs, string FirstSeqByTime, string ScanEnd) _sql = Rendered[SqlDialect.For(connections.Provider)];

    /// <summary>The changes a page's window holds at most (see ScanWindow): a page reads at most this many orders' rows.</summary>
    internal const int DefaultScanLimit = 10_000;

    internal int ScanLimit { get; init; } = DefaultScanLimit;

    public Task<OrderPage> GetPageAsync(OrderPageRequest request, CancellationToken cancellationToken) =>
        pager.ServeAsync(request.PageNumber, () => ReadPageAsync(request, cancellationToken), cancellationToken);

    /// <summary>The page, its run, and where it ends (null: it holds nothing and ends the run).</summary>
    private async Task<(OrderPage Page, SnapshotPager.Run Run, long? End)> ReadPageAsync(OrderPageRequest request, CancellationToken cancellationToken)
    {
        // A read: no transaction, so it never queues behind the database's writer (SQLite has one). The run's key
        // range is fixed, so statements seeing different commits cannot shift a page (ADR-010).
        await using var session = await connections.OpenReadSessionAsync(cancellationToken);

        var run = await pager.RunAsync(
            connections, request.IntegrationId, "orders:" + request.ChangedSinceUtc.ToString("O", CultureInfo.InvariantCulture), request.PageNumber,
            () => RunRangeAsync(session, request, cancellationToken),
            cancellationToken,
            () => RunFilter.Of(request));

        // The run's pages are counted with the settings it began with: changed during the run, they would count its
        // earlier pages differently, and a page found again by counting would skip or repeat orders.
        var filter = RunFilter.Read(run.Filter) ?? RunFilter.OfCall(request);
        object Args(long after, int limit) => PageArgs(request, filter, run.HighWaterKey, after, limit, ScanLimit);
        var after = await pager.StartOfPageAsync(run, request.PageNumber, a => EndOfPageAsync(session, request, a, run.HighWaterKey, Args, cancellationToken));
        if (after is null)
        {
            return (new OrderPage([], false), run, null);
        }

        var rows = await ReadRowsAsync(session, Args(after.Value, request.PageSize + 1), cancellationToken);
        var count = Served(rows, request);
        var (end, more) = await PageEndAsync(session, rows, count, (after.Value, run.HighWaterKey), Args(after.Value, 0), cancellationToken);
        return (new OrderPage(OrdersServed(rows, count), more), run, end);
    }

    /// <summary>
    /// Where a page not yet served ends, in a walk to a later one (see <see cref="PageEndAsync"/>); null when the run ends
    /// before it.
    /// </summary>
    private async Task<long?> EndOfPageAsync(
        ReadSession session, OrderPageRequest request, long after, long highWater, Func<long, int, object> args, CancellationToken cancellationToken)
    {
        var keys = await ReadKeysAsync(session, args(after, request.PageSize + 1), cancellationToken);
        return (await PageEndAsync(session, keys, Served(keys, request), (after, highWater), args(after, 0), cancellationToken)).End;
    }

    /// <summary>
    /// Where a page of <paramref name="rows"/>, the first <paramref name="served"/> of them served, ends (null: it holds
    /// nothing and ends the run), and whether more follow. A page with rows it does not serve ends at its last served;
    /// one that served every row it read ends where its window does if the window was full (more follow, though the page
    /// may hold none), else at its last row, the run's last page. Sequence numbers are unique, so a page starting fewer
    /// than a window's changes below the run's high-water mark has a window that cannot be full, and asks nothing more:
    /// nearly every run's last page.
    /// </summary>
    private async Task<(long? End, bool More)> PageEndAsync(
        ReadSession session, List<PageRow> rows, int served, (long After, long HighWater) range, object windowArgs, CancellationToken cancellationToken)
    {
        if (rows.Count > served)
        {
            return (rows[served - 1].Seq, true);
        }

        return range.HighWater - range.After > ScanLimit && await session.Int64Async(_sql.ScanEnd, windowArgs, cancellationToken) is { } windowEnd
            ? (windowEnd, true)
            : (served > 0 ? rows[served - 1].Seq : null, false);
    }

    /// <summary>The orders of the page's first <paramref name="count"/> rows, but for those counted and not served (see PageFilter).</summary>
    private static List<StoredOrder> OrdersServed(List<PageRow> rows, int count)
    {
        var orders = new List<StoredOrder>(count);
        for (var i = 0; i < count; i++)
        {
            if (!rows[i].NotServed)
            {
                orders.Add(rows[i].Order);
            }
        }

        return orders;
    }

    /// <summary>
    /// The page statement's rows, each value read by position with its typed getter and only when it is used (the content
    /// and its format only for an order without a rendering). Dapper's mapper reads every column of every row as an
    /// object, three native calls a value, which costs about a quarter of the page read's time (docs/performance.md).
    /// </summary>
    private async Task<List<PageRow>> ReadRowsAsync(ReadSession session, object args, CancellationToken cancellationToken)
    {
        var rows = new List<PageRow>();
        await using var reader = await session.ReaderAsync(_sql.Page, args, cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (reader.GetInt32(5) == 1)
            {
                rows.Add(new PageRow { Seq = reader.GetInt64(0), Chars = reader.GetInt64(1), NotServed = true });
                continue;
            }

            var order = reader.IsDBNull(2)
                ? new StoredOrder(null, OrderContentFormat.Read(reader.GetString(3), reader.GetInt32(4)))
                : new StoredOrder(reader.GetFieldValue<byte[]>(2), null);
            rows.Add(new PageRow { Seq = reader.GetInt64(0), Chars = reader.GetInt64(1), Order = order });
        }

        return rows;
    }

    /// <summary>The keys of a page not yet served (a walk's gap): each row's Seq and its content's length, by position.</summary>
    private async Task<List<PageRow>> ReadKeysAsync(ReadSession session, object args, CancellationToken cancellationToken)
    {
        var keys = new List<PageRow>();
        await using var reader = await session.ReaderAsync(_sql.PageSeqs, args, cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            keys.Add(new PageRow { Seq = Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture), Chars = Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture) });
        }

        return keys;
    }

    /// <summary>The page statements' parameters: the run's range and the integration's filters.</summary>
    private static object PageArgs(OrderPageRequest request, RunFilter filter, long highWater, long after, int limit, int scanLimit) => new
    {
        request.StoreId,
        ScanLimit = scanLimit,
        HighWater = highWater,
        filter.IncludeUnpaid,
        Unpaid = PaymentStatus.Unpaid,
        NotBefore = filter.ReceivedNotBeforeUtc,
        After = after,
        Limit = limit,
        request.DownloadFormat,
    };

    /// <summary>A new run's key range: from the first change at or after ChangedSinceUtc (see FirstSeqByTime) to the newest now.</summary>
    private async Task<(long From, long HighWater, long DeletionMark)> RunRangeAsync(ReadSession session, OrderPageRequest request, CancellationToken cancellationToken)
    {
        var highWater = await session.Int64Async(HighWater, new { request.StoreId }, cancellationToken) ?? 0;
        var byTime = await session.Int64Async(_sql.FirstSeqByTime, new { request.StoreId, From = request.ChangedSinceUtc, Limit = 1 }, cancellationToken);
        var inWindow = await session.Int64Async(
            FirstSeqInSkewWindow, new { request.StoreId, From = request.ChangedSinceUtc, WindowEnd = WindowEndOf(request.ChangedSinceUtc) }, cancellationToken);
        var from = byTime is null ? inWindow : inWindow is null ? byTime : Math.Min(byTime.Value, inWindow.Value);
        return (from ?? highWater + 1, highWater, 0); // an order is never deleted during its runs (FinishedOrderPruner)
    }

    /// <summary>The end of the skew window after a caller's UTCTimeFrom, which may be any date up to the last one .NET has.</summary>
    private static DateTime WindowEndOf(DateTime changedSinceUtc) =>
        changedSinceUtc > DateTime.MaxValue - SkewTolerance ? DateTime.MaxValue : changedSinceUtc + SkewTolerance;

    /// <summary>How many of <paramref name="rows"/> make the page: at most PageSize, and no more once the byte budget is spent (one at least).</summary>
    private static int Served(IReadOnlyList<PageRow> rows, OrderPageRequest request)
    {
        long chars = 0;
        var count = 0;
        foreach (var row in rows.Take(request.PageSize))
        {
            chars += row.Chars;
            if (count > 0 && chars > request.PageBudgetChars)
            {
                break;
            }

            count++;
        }

        return count;
    }

    /// <summary>
    /// The integration's download settings an Orders run began with (ImportUnpaidOrders, IgnoreOrdersOlderThanDays), kept
    /// with the run as text (<see cref="SnapshotPager.Run.Filter"/>).
    /// </summary>
    private sealed record RunFilter(bool IncludeUnpaid, DateTime? ReceivedNotBeforeUtc)
    {
        public static RunFilter OfCall(OrderPageRequest request) => new(request.IncludeUnpaid, request.ReceivedNotBeforeUtc);

        public static string Of(OrderPageRequest request) => string.Create(
            CultureInfo.InvariantCulture, $"unpaid={(request.IncludeUnpaid ? 1 : 0)};notBefore={request.ReceivedNotBeforeUtc?.Ticks.ToString(CultureInfo.InvariantCulture) ?? "-"}");

        /// <summary>The settings in <paramref name="text"/>; null for none (a run begun before they were kept) or text not written by <see cref="Of"/>.</summary>
        public static RunFilter? Read(string? text)
        {
            const string NotBefore = "notBefore=";
            if (text?.Split(';') is not [var unpaid and ("unpaid=0" or "unpaid=1"), var notBefore] || !notBefore.StartsWith(NotBefore, StringComparison.Ordinal))
            {
                return null;
            }

            var includeUnpaid = unpaid == "unpaid=1";
            var ticks = notBefore[NotBefore.Length..];
            return ticks == "-"
                ? new RunFilter(includeUnpaid, null)
                : long.TryParse(ticks, NumberStyles.None, CultureInfo.InvariantCulture, out var t) && t <= DateTime.MaxValue.Ticks
                    ? new RunFilter(includeUnpaid, new DateTime(t, DateTimeKind.Utc))
                    : null;
        }
    }

    private sealed class PageRow
    {
        public long Seq { get; init; }

        public long Chars { get; init; }

        /// <summary>Set for the page statement's rows that are served only (not for the keys-only walk).</summary>
        public StoredOrder Order { get; init; } = null!;

        /// <summary>Despatched in full or erased since the run began, or changed so the integration would not download it now: counted in its page, not served (see PageFilter).</summary>
        public bool NotServed { get; init; }
    }
}
