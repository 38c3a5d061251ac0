using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace ChannelBridge.Benchmarks.Scenarios;

/// <summary>
/// The floor under a 1,000-SKU InventoryUpdate: the same database work with nothing else — read the 1,000 listings,
/// update each one, add a feed entry each, commit — with plain ADO.NET and statements prepared once, on the same file.
/// Interleaved with the pipeline, one of each per sample, so both see the same disk. The pipeline's distance from it is
/// what the service adds (token, validation, hashing, the version checks, serialization); the floor itself is SQLite
/// and the disk.
/// </summary>
internal sealed class InventoryFloor(Bench bench, ListingsScenario listings)
{
    /// <summary>The floor's row and the pipeline's row measured beside it.</summary>
    public async Task<List<string>> CompareAsync()
    {
        var floorTimes = new List<double>(bench.BatchSamples);
        var pipelineTimes = new List<double>(bench.BatchSamples);
        for (var sample = 0; sample < bench.BatchSamples; sample++)
        {
            var clock = Stopwatch.StartNew();
            await RawInventoryUpdateAsync();
            floorTimes.Add(clock.Elapsed.TotalMilliseconds);
            clock.Restart();
            await listings.InventoryUpdateOf1000Async(sample);
            pipelineTimes.Add(clock.Elapsed.TotalMilliseconds);
        }

        var (floor50, floor99) = Bench.Percentiles(floorTimes);
        var (paired50, paired99) = Bench.Percentiles(pipelineTimes);
        var target = bench.ListingTarget;
        return
        [
            $"| {target:N0} | the same database work alone (floor: read, update, feed entry, commit) | {floor50:F2} | {floor99:F2} |",
            $"| {target:N0} | InventoryUpdate, 1,000 SKUs, interleaved with the floor ({paired50 / floor50:F2}× it at p50, {paired99 / floor99:F2}× at p99) | {paired50:F2} | {paired99:F2} |",
        ];
    }

    private async Task RawInventoryUpdateAsync()
    {
        var skus = Enumerable.Range(0, 1000).Select(_ => bench.Random.Next(bench.ListingTarget)).Distinct().Select(ListingsScenario.Sku).ToList();
        await using var connection = await bench.OpenRawConnectionAsync();

        await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync();
        var ids = await ReadIdsAsync(connection, tx, skus);
        await using var update = connection.CreateCommand();
        update.Transaction = tx;
        update.CommandText = "UPDATE Listings SET Quantity = $q, LastInventoryHash = $h, UpdatedUtc = $u, Version = Version + 1 WHERE Id = $id";
        var (q, h, u, id) = (update.Parameters.Add("$q", SqliteType.Integer), update.Parameters.Add("$h", SqliteType.Text),
            update.Parameters.Add("$u", SqliteType.Text), update.Parameters.Add("$id", SqliteType.Integer));
        await using var insert = connection.CreateCommand();
        insert.Transaction = tx;
        insert.CommandText = "INSERT INTO StoreUpdates (StoreId, Seq, Type, ReceivedUtc, Payload, DedupKey) VALUES ($s, $seq, 'Inventory', $u, $p, $k)";
        var (fs, fseq, fu, fp, fk) = (insert.Parameters.Add("$s", SqliteType.Text), insert.Parameters.Add("$seq", SqliteType.Integer), insert.Parameters.Add("$u", SqliteType.Text),
            insert.Parameters.Add("$p", SqliteType.Text), insert.Parameters.Add("$k", SqliteType.Text));
        var seq = await NumberAsync(connection, tx, ids.Count);
        var now = DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm:ss.fffffff", CultureInfo.InvariantCulture);
        var stamp = DateTime.UtcNow.Ticks.ToString("D19", CultureInfo.InvariantCulture);   // keys in time order, as the service's (the index grows at its end)
        var n = 0;
        foreach (var (listingId, sku) in ids)
        {
            var quantity = bench.Random.Next(1000);
            (q.Value, h.Value, u.Value, id.Value) = (quantity, Guid.NewGuid().ToString("N"), now, listingId);
            await update.ExecuteNonQueryAsync();
            (fs.Value, fseq.Value, fu.Value, fp.Value, fk.Value) = (listings.Store.StoreId, seq++, now, $$"""{"SKU":"{{sku}}","Quantity":{{quantity}}}""", $"floor:{stamp}:{n++:D4}");
            await insert.ExecuteNonQueryAsync();
        }

        await tx.CommitAsync();
    }

    /// <summary>The first of the store's next <paramref name="count"/> feed cursors, taken as the service takes them (ADR-041).</summary>
    private async Task<long> NumberAsync(SqliteConnection connection, SqliteTransaction tx, int count)
    {
        await using var number = connection.CreateCommand();
        number.Transaction = tx;
        number.CommandText = "UPDATE Stores SET FeedSeq = FeedSeq + $n WHERE Id = $s RETURNING FeedSeq";
        number.Parameters.AddWithValue("$n", count);
        number.Parameters.AddWithValue("$s", listings.Store.StoreId);
        return (long)(await number.ExecuteScalarAsync())! - count + 1;
    }

    private async Task<List<(long Id, string Sku)>> ReadIdsAsync(SqliteConnection connection, SqliteTransaction tx, List<string> skus)
    {
        var ids = new List<(long Id, string Sku)>(skus.Count);
        await using var read = connection.CreateCommand();
        read.Transaction = tx;
        read.CommandText = "SELECT Id, SKU FROM Listings WHERE StoreId = $s AND SKU IN (SELECT value FROM json_each($skus))";
        read.Parameters.AddWithValue("$s", listings.Store.StoreId);
        read.Parameters.AddWithValue("$skus", System.Text.Json.JsonSerializer.Serialize(skus));
        await using var reader = await read.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add((reader.GetInt64(0), reader.GetString(1)));
        }

        return ids;
    }
}
