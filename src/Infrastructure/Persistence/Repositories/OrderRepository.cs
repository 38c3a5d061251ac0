using System.Data.Common;
using System.Text.Json;
using ChannelBridge.Domain.Common;
using ChannelBridge.Domain.Orders;
using Dapper;

namespace ChannelBridge.Infrastructure.Persistence.Repositories;

/// <summary>
/// Orders as one row each (content as JSON: it is only ever read whole, with the rendering Linnworks downloads
/// beside it, ADR-011), a change log row per creation/change for the Orders endpoint to page through, and
/// post-sale reports on the feed.
/// </summary>
internal sealed class OrderRepository(CallConnections connections) : IOrderRepository
{
    private const string SelectHeld = "SELECT OrderCount AS Orders, OrderChars AS Chars FROM Stores WHERE Id = @StoreId";

    private const string SelectOrders = """
        SELECT Id, StoreId, ReferenceNumber, ContentJson, ContentChars, ContentFormat, ContentHash, FirstSeenUtc, LastChangedUtc, Status, PostSaleJson, Version, ErasedUtc
        FROM Orders WHERE StoreId = @StoreId AND ReferenceNumber IN @References
        """;

    private const string InsertOrder = """
        INSERT INTO Orders (StoreId, ReferenceNumber, ContentJson, ContentChars, ContentFormat, ContentHash, PaymentStatus, ReceivedDate, FirstSeenUtc, LastChangedUtc, Status,
                            PostSaleJson, Version, DownloadJson, DownloadFormat)
        VALUES (@StoreId, @ReferenceNumber, /*TEXT:ContentJson*/, @ContentChars, @ContentFormat, @ContentHash, @PaymentStatus, @ReceivedDate, @FirstSeenUtc, @LastChangedUtc, @Status,
                @PostSaleJson, 1, @DownloadJson, @DownloadFormat);
        SELECT /*LAST_ID*/;
        """;

    // HiddenSeq (migration 0029): when the order leaves the Orders downloads (fully despatched, or its buyer data erased),
    // the store's newest change, which this transaction wrote (MarkLeavingAsync). The transaction holds the store's row
    // (StoreWriteLock), so a run whose high-water mark was read before this commit has a mark below it and counts the
    // order as it was, however its pages are found, and a run begun after it has a mark at or above it and counts the order
    // out (ADR-005). Kept while the order stays hidden.
    private const string UpdateOrder = """
        UPDATE Orders
        SET ContentJson = /*TEXT:ContentJson*/, ContentChars = @ContentChars, ContentFormat = @ContentFormat, ContentHash = @ContentHash, PaymentStatus = @PaymentStatus, ReceivedDate = @ReceivedDate,
            LastChangedUtc = @LastChangedUtc, Status = @Status, PostSaleJson = @PostSaleJson, Version = Version + 1,
            DownloadJson = @DownloadJson, DownloadFormat = @DownloadFormat, ErasedUtc = @ErasedUtc,
            HiddenSeq = CASE WHEN @Status = 2 OR @ErasedUtc IS NOT NULL
                             THEN COALESCE(HiddenSeq, (SELECT COALESCE(MAX(Seq), 0) FROM OrderChanges WHERE StoreId = @StoreId)) END
        WHERE Id = @Id AND Version = @Version
        """;

    private const string InsertChange = """
        INSERT INTO OrderChanges (StoreId, OrderId, ChangedUtc) VALUES (@StoreId, @OrderId, @ChangedUtc)
        """;

    private const string SelectUpdate = """
        SELECT Seq, StoreId, Type, ReceivedUtc, Payload, DedupKey FROM StoreUpdates WHERE StoreId = @StoreId AND DedupKey = @DedupKey
        """;

    private const string SelectUpdateKeys = "SELECT DedupKey FROM StoreUpdates WHERE StoreId = @StoreId AND DedupKey IN @Keys";

    private readonly SqlDialect _dialect = SqlDialect.For(connections.Provider);

    public async Task<IReadOnlyDictionary<string, ChannelOrder>> GetByReferencesAsync(string storeId, IReadOnlyCollection<string> referenceNumbers, CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, ChannelOrder>(StringComparer.Ordinal);
        if (referenceNumbers.Count == 0)
        {
            return result;
        }

        await using var read = await connections.OpenForChangeAsync(cancellationToken);
        foreach (var chunk in referenceNumbers.Chunk(_dialect.KeySetSize))
        {
            var (sql, parameters) = _dialect.KeySet(SelectOrders, "References", chunk, new { StoreId = storeId });
            var rows = await read.Connection.QueryAsync<OrderRow>(new CommandDefinition(sql, parameters, read.Transaction, cancellationToken: cancellationToken));
            foreach (var row in rows)
            {
                var order = row.ToDomain();
                result[order.ReferenceNumber] = order;
            }
        }

        return result;
    }

    public Task SaveChangesAsync(IReadOnlyList<OrderToSave> orders, CancellationToken cancellationToken) => SaveAsync(orders, recordChanges: true, [], cancellationToken);

    /// <summary>Erased orders: saved like any change, but not a change Linnworks downloads (no OrderChanges row of their own).</summary>
    public Task SaveErasedAsync(IReadOnlyList<OrderToSave> orders, CancellationToken cancellationToken) => SaveAsync(orders, recordChanges: false, [], cancellationToken);

    /// <summary>A post-sale report's order changes are not downloaded again (as <see cref="SaveWithFeedEntryAsync"/>): no change rows.</summary>
    public Task SaveWithFeedEntriesAsync(IReadOnlyList<OrderToSave> orders, IReadOnlyList<StoreUpdate> feedEntries, CancellationToken cancellationToken) =>
        SaveAsync(orders, recordChanges: false, feedEntries, cancellationToken);

    /// <summary>The orders, with a change row each when <paramref name="recordChanges"/>, and the feed entries: one transaction.</summary>
    private async Task SaveAsync(IReadOnlyList<OrderToSave> orders, bool recordChanges, IReadOnlyList<StoreUpdate> feedEntries, CancellationToken cancellationToken)
    {
        if (orders.Count == 0)
        {
            return; // every feed entry here is a change on one of the orders
        }

        // Serializing happens before the transaction: the write lock is held for the statements only.
        var rows = orders.Select(ToRow).ToList();
        var chars = rows.ConvertAll(r => r.Chars);
        var ids = new long[orders.Count];
        await using var write = await connections.BeginWriteAsync(cancellationToken);
        var (connection, tx) = (write.Connection, write.Transaction!);
        await StoreWriteLock.TakeAsync(connection, tx, orders.Select(o => o.Order.StoreId).Concat(feedEntries.Select(u => u.StoreId)), cancellationToken, StoreRowsAdded.OfOrders(orders, chars));
        await WriteOrdersAsync(connection, tx, orders, rows, ids, cancellationToken);
        if (recordChanges)
        {
            await RepeatedStatement.ExecuteEachAsync(connection, tx, InsertChange, orders.Select((o, i) => new ChangeRow(o.Order.StoreId, ids[i], o.Order.LastChangedUtc)).ToList(), cancellationToken);
        }

        await AppendAsync(connection, tx, feedEntries, cancellationToken);
        await write.CommitAsync(cancellationToken);
        for (var i = 0; i < orders.Count; i++)
        {
            orders[i].Order.MarkSaved(ids[i], chars[i]);
        }
    }

    private sealed record ChangeRow(string StoreId, long OrderId, DateTime ChangedUtc);

    /// <summary>
    /// The orders' rows, each given its id in <paramref name="ids"/>, after the change rows that mark those leaving the
    /// downloads. Each statement is made only when it has rows.
    /// </summary>
    private async Task WriteOrdersAsync(DbConnection connection, DbTransaction tx, IReadOnlyList<OrderToSave> orders, List<(object Row, long Chars)> rows, long[] ids, CancellationToken cancellationToken)
    {
        await MarkLeavingAsync(connection, tx, orders.Select(o => o.Order), cancellationToken);
        await InsertNewAsync(connection, tx, orders, rows, ids, cancellationToken);
        await UpdateStoredAsync(connection, tx, orders, rows, ids, cancellationToken);
    }

    /// <summary>The orders not stored yet, each given the id it is inserted with.</summary>
    private async Task InsertNewAsync(DbConnection connection, DbTransaction tx, IReadOnlyList<OrderToSave> orders, List<(object Row, long Chars)> rows, long[] ids, CancellationToken cancellationToken)
    {
        var created = Enumerable.Range(0, orders.Count).Where(i => orders[i].Order.Id == 0).ToList();
        if (created.Count == 0)
        {
            return;
        }

        object?[] inserted;
        try
        {
            await using var insert = new RepeatedStatement(connection, tx, _dialect.Render(InsertOrder), rows[created[0]].Row.GetType());
            inserted = await insert.ScalarEachAsync(created.ConvertAll(i => rows[i].Row), cancellationToken);
        }
        catch (DbException ex) when (IsUniqueViolation(ex))
        {
            // Another batch created one of these references first.
            throw new ConcurrencyConflictException(nameof(ChannelOrder), created.Count == 1 ? orders[created[0]].Order.ReferenceNumber : $"one of {created.Count} new orders");
        }

        for (var k = 0; k < created.Count; k++)
        {
            ids[created[k]] = Convert.ToInt64(inserted[k], System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    /// <summary>The stored orders, each only from the version it was loaded at.</summary>
    private async Task UpdateStoredAsync(DbConnection connection, DbTransaction tx, IReadOnlyList<OrderToSave> orders, List<(object Row, long Chars)> rows, long[] ids, CancellationToken cancellationToken)
    {
        var stored = Enumerable.Range(0, orders.Count).Where(i => orders[i].Order.Id != 0).ToList();
        var affected = await RepeatedStatement.ExecuteEachAsync(connection, tx, _dialect.Render(UpdateOrder), stored.ConvertAll(i => rows[i].Row), cancellationToken);
        for (var k = 0; k < stored.Count; k++)
        {
            var order = orders[stored[k]].Order;
            ids[stored[k]] = affected[k] == 1 ? order.Id : throw new ConcurrencyConflictException(nameof(ChannelOrder), order.ReferenceNumber);
        }
    }

    /// <summary>
    /// A change row for each store with an order that is out of the Orders downloads as saved (fully despatched, or
    /// erased), written before the orders, so the number UpdateOrder gives HiddenSeq is this transaction's. The order is
    /// out of every run that can see the row, so Linnworks never downloads it for it. Dated at the order's last change or
    /// its erasure, whichever is later (the moment of this save), not earlier: the change log's pruning deletes the
    /// order's earlier rows two days after this row's date, and live runs still count the order by them.
    /// </summary>
    private static async Task MarkLeavingAsync(DbConnection connection, DbTransaction tx, IEnumerable<ChannelOrder> orders, CancellationToken cancellationToken)
    {
        var leaving = orders.Where(o => o.Id != 0 && (o.Status == OrderStatus.Despatched || o.ErasedUtc is not null)).DistinctBy(o => o.StoreId)
            .Select(o => new ChangeRow(o.StoreId, o.Id, o.ErasedUtc is { } erased && erased > o.LastChangedUtc ? erased : o.LastChangedUtc))
            .ToList();
        await RepeatedStatement.ExecuteEachAsync(connection, tx, InsertChange, leaving, cancellationToken);
    }

    public async Task<StoreUpdate?> FindUpdateAsync(string storeId, string dedupKey, CancellationToken cancellationToken)
    {
        await using var read = await connections.OpenForChangeAsync(cancellationToken);
        return await FindUpdateAsync(read.Connection, read.Transaction, storeId, dedupKey, cancellationToken);
    }

    public async Task<StoreUpdate> SaveWithFeedEntryAsync(OrderToSave toSave, StoreUpdate feedEntry, CancellationToken cancellationToken)
    {
        var (order, update) = (toSave.Order, feedEntry);
        var (row, chars) = ToRow(toSave);
        await using var write = await connections.BeginWriteAsync(cancellationToken);
        var (connection, tx) = (write.Connection, write.Transaction!);
        await StoreWriteLock.TakeAsync(connection, tx, [update.StoreId], cancellationToken, StoreRowsAdded.OfOrders([toSave], [chars]));
        var existing = await FindUpdateAsync(connection, tx, update.StoreId, update.DedupKey, cancellationToken);
        if (existing is not null)
        {
            write.Unchanged();
            return existing;
        }

        var ids = new long[1];
        await WriteOrdersAsync(connection, tx, [toSave], [(row, chars)], ids, cancellationToken);
        var cursor = await StoreFeedAppend.AppendAsync(connection, tx, _dialect, update, cancellationToken);
        await write.CommitAsync(cancellationToken);
        order.MarkSaved(ids[0], chars);
        return update with { Cursor = cursor };
    }

    public async Task<IReadOnlySet<string>> FindUpdateKeysAsync(string storeId, IReadOnlyCollection<string> dedupKeys, CancellationToken cancellationToken)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        if (dedupKeys.Count == 0)
        {
            return found;
        }

        await using var read = await connections.OpenForChangeAsync(cancellationToken);
        foreach (var chunk in dedupKeys.Chunk(_dialect.KeySetSize))
        {
            var (sql, parameters) = _dialect.KeySet(SelectUpdateKeys, "Keys", chunk, new { StoreId = storeId });
            found.UnionWith(await read.Connection.QueryAsync<string>(new CommandDefinition(sql, parameters, read.Transaction, cancellationToken: cancellationToken)));
        }

        return found;
    }

    /// <summary>Appends the feed entries; an entry recorded meanwhile by a concurrent call is a conflict.</summary>
    private async Task AppendAsync(DbConnection connection, DbTransaction tx, IReadOnlyList<StoreUpdate> feedEntries, CancellationToken cancellationToken)
    {
        try
        {
            await StoreFeedAppend.AppendAsync(connection, tx, _dialect, feedEntries, cancellationToken);
        }
        catch (DbException ex) when (IsUniqueViolation(ex))
        {
            throw new ConcurrencyConflictException(nameof(StoreUpdate), feedEntries[0].StoreId);
        }
    }

    private static async Task<StoreUpdate?> FindUpdateAsync(DbConnection connection, DbTransaction? tx, string storeId, string dedupKey, CancellationToken cancellationToken)
    {
        var row = await connection.QuerySingleOrDefaultAsync<StoreUpdateRow>(new CommandDefinition(SelectUpdate, new { StoreId = storeId, DedupKey = dedupKey }, tx, cancellationToken: cancellationToken));
        return row?.ToDomain();
    }

    /// <summary>
    /// The order's row: content and post-sale state as JSON, and its rendering for Linnworks (ADR-011) as UTF-8. The
    /// content is the UTF-8 the handler hashed where the dialect takes text as UTF-8 (SQLite), else a string
    /// (<see cref="SqlDialect.TextAsUtf8"/>).
    /// </summary>
    private (object Row, long Chars) ToRow(OrderToSave toSave)
    {
        var order = toSave.Order;
        var (contentJson, contentUtf8) = _dialect.TextAsUtf8 ? (null, OrderContentFormat.WriteUtf8(toSave)) : (OrderContentFormat.Write(toSave), (byte[]?)null);
        var chars = contentJson?.Length ?? System.Text.Encoding.UTF8.GetCharCount(contentUtf8!);
        return (new
        {
            order.Id,
            order.StoreId,
            order.ReferenceNumber,
            ContentJson = contentJson,
            ContentJsonUtf8 = contentUtf8,
            ContentChars = chars,
            ContentFormat = OrderContentFormat.Current,
            order.ContentHash,
            order.Content.PaymentStatus,
            order.Content.ReceivedDate,
            order.FirstSeenUtc,
            order.LastChangedUtc,
            Status = (int)order.Status,
            PostSaleJson = JsonSerializer.Serialize(new PostSaleState(order.DespatchedQuantities, order.CancelledQuantities)),
            order.Version,
            DownloadJson = toSave.Download.Json,
            DownloadFormat = toSave.Download.Format,
            order.ErasedUtc,
        }, chars);
    }

    public async Task<OrdersHeld> GetHeldAsync(string storeId, CancellationToken cancellationToken)
    {
        await using var read = await connections.OpenForChangeAsync(cancellationToken);
        return await read.Connection.QuerySingleOrDefaultAsync<OrdersHeld>(new CommandDefinition(SelectHeld, new { StoreId = storeId }, read.Transaction, cancellationToken: cancellationToken));
    }

    private static bool IsUniqueViolation(DbException ex) => UniqueKey.IsViolation(ex);

    private sealed record PostSaleState(IReadOnlyDictionary<string, int> Despatched, IReadOnlyDictionary<string, int> Cancelled);

    private sealed class OrderRow
    {
        public long Id { get; init; }

        public string StoreId { get; init; } = string.Empty;

        public string ReferenceNumber { get; init; } = string.Empty;

        public string ContentJson { get; init; } = string.Empty;

        /// <summary>Null on a row written before the column (migration 0014): its JSON's length then.</summary>
        public long? ContentChars { get; init; }

        public int ContentFormat { get; init; }

        public string ContentHash { get; init; } = string.Empty;

        public DateTime FirstSeenUtc { get; init; }

        public DateTime LastChangedUtc { get; init; }

        public int Status { get; init; }

        public string PostSaleJson { get; init; } = string.Empty;

        public int Version { get; init; }

        public DateTime? ErasedUtc { get; init; }

        /// <summary>The order, its content read from JSON only if it is asked for (an upsert answers from the hash).</summary>
        public ChannelOrder ToDomain()
        {
            var postSale = JsonSerializer.Deserialize<PostSaleState>(PostSaleJson)!;
            var (json, format) = (ContentJson, ContentFormat);
            var order = ChannelOrder.Rehydrate(
                Id, StoreId, ReferenceNumber, () => OrderContentFormat.Read(json, format), ContentHash, DbTime.Utc(FirstSeenUtc), DbTime.Utc(LastChangedUtc),
                (OrderStatus)Status, Version, postSale.Despatched, postSale.Cancelled, ErasedUtc is { } erased ? DbTime.Utc(erased) : null);
            order.StoredChars = ContentChars ?? json.Length;
            return order;
        }
    }
}

/// <summary>A StoreUpdates row.</summary>
internal sealed class StoreUpdateRow
{
    /// <summary>The feed cursor, numbered by the store (the column is not called Cursor: that is a T-SQL keyword).</summary>
    public long Seq { get; init; }

    public string StoreId { get; init; } = string.Empty;

    public string Type { get; init; } = string.Empty;

    /// <summary>As the provider reads it: SQL Server's DATETIME2 a date, SQLite's TEXT a string, which an edit by hand can leave unreadable.</summary>
    public object? ReceivedUtc { get; init; }

    public string Payload { get; init; } = string.Empty;

    public string DedupKey { get; init; } = string.Empty;

    /// <summary>The entry; a stored date that is not one is <see cref="StoreUpdate.UnreadableReceivedUtc"/>, so one damaged row cannot stop a store's feed.</summary>
    public StoreUpdate ToDomain() =>
        new(Seq, StoreId, Type, DbTime.TryUtc(ReceivedUtc, out var received) ? received : StoreUpdate.UnreadableReceivedUtc, Payload, DedupKey);
}
