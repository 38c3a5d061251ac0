using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using AutoMapper;
using ChannelBridge.Application.Common;
using ChannelBridge.Application.Common.Json;
using ChannelBridge.Application.Orders;
using ChannelBridge.Application.Orders.GetOrders;
using ChannelBridge.Application.Orders.UpsertOrders;
using ChannelBridge.Domain.Orders;
using ChannelBridge.LinnworksSimulator.Simulation;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace ChannelBridge.Benchmarks.Scenarios;

/// <summary>
/// The floor under full-shape ingest: batches of 500 orders of the shape the simulator's ingest mode sends (the Bench's
/// HTTP ingest rows), through <see cref="UpsertOrdersCommand"/> (everything but HTTP), against the same database work
/// with nothing else — look the batch's references up, insert each order's row as the service stores it (its content
/// and its rendering for Linnworks, made beforehand, outside the clock) and its change, commit — with plain ADO.NET and
/// statements prepared once, on the same file. Interleaved, one of each per sample, so both see the same disk. With one
/// writer, the floor bounds the orders a second whatever the service does before the write.
/// </summary>
internal sealed class IngestFloor(Bench bench)
{
    private const int BatchSize = IngestRunner.BatchSize;

    private const string Insert = """
        INSERT INTO Orders (StoreId, ReferenceNumber, ContentJson, ContentChars, ContentFormat, ContentHash, PaymentStatus, ReceivedDate, FirstSeenUtc, LastChangedUtc, Status,
                            PostSaleJson, Version, DownloadJson, DownloadFormat)
        VALUES ($s, $r, CAST($c AS TEXT), $cc, 1, $h, $p, $rd, $now, $now, 0, '{"DespatchedQuantities":{},"CancelledQuantities":{}}', 1, $d, $df)
        RETURNING Id
        """;

    private int _next;

    public async Task<List<string>> CompareAsync(int samples)
    {
        var (storeId, _, _) = await bench.IntegrateAsync("Ingest floor", "Ingest floor");
        var floorTimes = new List<double>(samples);
        var pipelineTimes = new List<double>(samples);
        for (var sample = -2; sample < samples; sample++) // two of each to warm up
        {
            var rows = Rows(NextBatch());
            var clock = Stopwatch.StartNew();
            await RawBatchAsync(storeId, rows);
            var floor = clock.Elapsed.TotalMilliseconds;
            var batch = NextBatch();
            clock.Restart();
            var result = await bench.Send(new UpsertOrdersCommand(storeId, batch));
            var pipeline = clock.Elapsed.TotalMilliseconds;
            if (!result.IsSuccess || result.Value.Results.Any(r => r.Status != UpsertStatus.Created))
            {
                throw new InvalidOperationException("The ingest floor's pipeline batch was not stored whole: every order of a new store must be Created.");
            }

            if (sample >= 0)
            {
                floorTimes.Add(floor);
                pipelineTimes.Add(pipeline);
            }
        }

        var (f50, f99) = Bench.Percentiles(floorTimes);
        var (p50, p99) = Bench.Percentiles(pipelineTimes);
        return
        [
            "| Full-shape ingest, batches of 500 | p50 ms | p99 ms | orders/s at p50 |",
            "|---|---:|---:|---:|",
            $"| UpsertOrdersCommand (no HTTP) | {p50:F2} | {p99:F2} | {BatchSize * 1000 / p50:N0} |",
            $"| the same database work alone (floor: look up, insert the rows and changes, commit) | {f50:F2} | {f99:F2} | {BatchSize * 1000 / f50:N0} |",
            string.Empty,
            $"{samples} batches of each, interleaved; the pipeline takes {p50 / f50:F2}× the floor at p50. The floor is SQLite and the disk: with one " +
            "writer at a time, no work before the write can take a batch below it.",
        ];
    }

    /// <summary>The next 500 orders as the simulator's ingest mode sends them, read as the service's DTOs.</summary>
    private List<OrderDto> NextBatch()
    {
        var received = bench.Since.AddDays(1);
        var orders = Enumerable.Range(_next, BatchSize).Select(i => IngestRunner.FullOrder(i, received)).ToList();
        _next += BatchSize;
        return JsonSerializer.Deserialize<List<OrderDto>>(JsonSerializer.SerializeToUtf8Bytes(orders))!;
    }

    /// <summary>What the floor writes of an order, as the service stores it.</summary>
    private sealed record FloorRow(string Reference, byte[] Content, string Hash, string PaymentStatus, DateTime? Received, byte[] Download, string DownloadFormat);

    /// <summary>Each order's row as the service stores it: content JSON, its hash, its rendering, made before the clock starts.</summary>
    private List<FloorRow> Rows(List<OrderDto> batch)
    {
        using var scope = bench.Services.CreateScope();
        var mapper = scope.ServiceProvider.GetRequiredService<IMapper>();
        var renderer = scope.ServiceProvider.GetRequiredService<IOrderDownloadRenderer>();
        return [.. batch.Select(dto => mapper.Map<OrderContent>(dto)).Select(content =>
        {
            var json = OrderContentJson.Write(content);
            return new FloorRow(content.ReferenceNumber, json, Convert.ToHexStringLower(SHA256.HashData(json)), content.PaymentStatus, content.ReceivedDate, renderer.Render(content), renderer.Format);
        })];
    }

    private async Task RawBatchAsync(string storeId, List<FloorRow> rows)
    {
        await using var connection = await bench.OpenRawConnectionAsync();

        await using var lookup = connection.CreateCommand();
        lookup.CommandText = "SELECT Id FROM Orders WHERE StoreId = $s AND ReferenceNumber IN (SELECT value FROM json_each($refs))";
        lookup.Parameters.AddWithValue("$s", storeId);
        lookup.Parameters.AddWithValue("$refs", JsonSerializer.Serialize(rows.Select(r => r.Reference)));
        await using (var found = await lookup.ExecuteReaderAsync())
        {
            if (await found.ReadAsync())
            {
                throw new InvalidOperationException("The ingest floor's references must be new.");
            }
        }

        await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync();
        await using (var storeLock = connection.CreateCommand())
        {
            storeLock.Transaction = tx;
            storeLock.CommandText = "UPDATE Stores SET FeedLock = FeedLock + 1 WHERE Id = $s";
            storeLock.Parameters.AddWithValue("$s", storeId);
            await storeLock.ExecuteNonQueryAsync();
        }

        await InsertAsync(connection, tx, storeId, rows);
        await tx.CommitAsync();
    }

    private static async Task InsertAsync(SqliteConnection connection, SqliteTransaction tx, string storeId, List<FloorRow> rows)
    {
        var now = DateTime.UtcNow;
        await using var insert = connection.CreateCommand();
        insert.Transaction = tx;
        insert.CommandText = Insert;
        insert.Parameters.AddWithValue("$s", storeId);
        insert.Parameters.AddWithValue("$now", now);
        var (r, c, cc, h, p, rd, d, df) = (insert.Parameters.Add("$r", SqliteType.Text), insert.Parameters.Add("$c", SqliteType.Blob), insert.Parameters.Add("$cc", SqliteType.Integer),
            insert.Parameters.Add("$h", SqliteType.Text), insert.Parameters.Add("$p", SqliteType.Text), insert.Parameters.Add("$rd", SqliteType.Text), insert.Parameters.Add("$d", SqliteType.Blob),
            insert.Parameters.Add("$df", SqliteType.Text));
        await using var change = connection.CreateCommand();
        change.Transaction = tx;
        change.CommandText = "INSERT INTO OrderChanges (StoreId, OrderId, ChangedUtc) VALUES ($s, $o, $now)";
        change.Parameters.AddWithValue("$s", storeId);
        var o = change.Parameters.Add("$o", SqliteType.Integer);
        change.Parameters.AddWithValue("$now", now);
        foreach (var row in rows)
        {
            (r.Value, c.Value, cc.Value, h.Value, p.Value, rd.Value, d.Value, df.Value) =
                (row.Reference, row.Content, System.Text.Encoding.UTF8.GetCharCount(row.Content), row.Hash, row.PaymentStatus, (object?)row.Received ?? DBNull.Value, row.Download, row.DownloadFormat);
            o.Value = await insert.ExecuteScalarAsync();
            await change.ExecuteNonQueryAsync();
        }
    }
}
