using System.Threading.Channels;
using ChannelBridge.Application.Common.Ports;
using ChannelBridge.Infrastructure.Persistence.Resilience;
using Microsoft.Extensions.Logging;

namespace ChannelBridge.Infrastructure.Persistence.Queries;

/// <summary>
/// Writes page boundaries for the requests that served them (ADR-010): one background writer takes whatever has
/// accumulated and writes it in one transaction. A node that serves its runs alone answers without waiting for it, so a
/// page never waits for the database's writer; where other nodes serve the same runs, a page waits for its boundary's
/// batch (<see cref="EnqueueAsync"/>), which the pages queued meanwhile share. A batch that fails to write is logged and
/// counted (<c>channelbridge.paging.boundary_write_failures</c>), never silently, and its waiting pages are told.
/// </summary>
internal sealed partial class PageBoundaryWriter(DbConnectionFactory connections, ITransientFailures failures, ILogger<PageBoundaryWriter> logger) : IAsyncDisposable
{
    private const int MaxBatch = 1000;
    private const int Attempts = 3;

    private readonly Channel<BoundaryRow> _pending = Channel.CreateUnbounded<BoundaryRow>(new UnboundedChannelOptions { SingleReader = true });
    private readonly object _startLock = new();
    private Task? _loop;

    /// <summary>Queues a boundary for writing.</summary>
    public void Enqueue(BoundaryRow row) => _ = Queue(row);

    /// <summary>
    /// Queues a boundary and completes once the batch that holds it is written, failing with that batch's failure. The
    /// batch is whatever queued while the one before it was written: pages served at once share one transaction.
    /// </summary>
    public Task EnqueueAsync(BoundaryRow row)
    {
        var written = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!Queue(row with { Written = written }))
        {
            written.TrySetException(new ObjectDisposedException(nameof(PageBoundaryWriter), "The service is stopping."));
        }

        return written.Task;
    }

    private bool Queue(BoundaryRow row)
    {
        if (!_pending.Writer.TryWrite(row))
        {
            return false;
        }

        if (_loop is null)
        {
            lock (_startLock)
            {
                _loop ??= Task.Run(WriteLoopAsync);
            }
        }

        return true;
    }

    public async ValueTask DisposeAsync()
    {
        _pending.Writer.TryComplete();
        if (_loop is not null)
        {
            await _loop;
        }
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<BoundaryRow>();
        while (await _pending.Reader.WaitToReadAsync())
        {
            try
            {
                while (batch.Count < MaxBatch && _pending.Reader.TryRead(out var row))
                {
                    batch.Add(row);
                }

                await WriteAsync(batch, CancellationToken.None);
                Complete(batch, failure: null);
            }
            catch (Exception ex)
            {
                Complete(batch, ex);
                Application.Common.ChannelBridgeTelemetry.PageBoundaryWriteFailures.Add(1);
                if (!failures.IsReportedStorageFault(ex))
                {
                    LogWriteFailed(ex, batch.Count);
                }
            }

            batch.Clear();
        }
    }

    private static void Complete(List<BoundaryRow> batch, Exception? failure)
    {
        foreach (var written in batch.Select(b => b.Written).OfType<TaskCompletionSource>())
        {
            _ = failure is null ? written.TrySetResult() : written.TrySetException(failure);
        }
    }

    /// <summary>
    /// Writes a batch, trying again up to <see cref="Attempts"/> times when it met another writer: two SQL Server nodes
    /// writing the same page's end at once (a page Linnworks asked again while the first answer was under way) both find
    /// no row and one insert fails on the key, or they deadlock. Written again, the batch finds the row the other wrote.
    /// Pages of every integration share a batch, so one such meeting must not fail them all.
    /// </summary>
    private async Task WriteAsync(List<BoundaryRow> batch, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return;
        }

        // A page's smallest end in the batch (the database keeps the smallest it is given, PagingSql.DeleteBoundary), in
        // key order, so two nodes' batches take their rows' locks in the same order.
        var smallest = batch.GroupBy(b => (b.IntegrationId, b.RunKey, b.PageNumber)).Select(g => g.MinBy(b => b.LastSeq)!)
            .OrderBy(b => b.IntegrationId, StringComparer.Ordinal).ThenBy(b => b.RunKey, StringComparer.Ordinal).ThenBy(b => b.PageNumber).ToList();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await WriteOnceAsync(smallest, cancellationToken);
                return;
            }
            catch (Exception ex) when (attempt < Attempts && (UniqueKey.IsViolation(ex) || (failures.IsTransient(ex) && failures.StorageFaultOf(ex) == StorageFault.None)))
            {
            }
        }
    }

    private async Task WriteOnceAsync(List<BoundaryRow> smallest, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenPagingAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        await RepeatedStatement.ExecuteEachAsync(connection, tx, PagingSql.DeleteBoundary, smallest, cancellationToken);
        await RepeatedStatement.ExecuteEachAsync(connection, tx, PagingSql.InsertBoundary, smallest, cancellationToken);
        await tx.CommitAsync(cancellationToken);
    }

    [LoggerMessage(LogLevel.Warning, "{Count} page boundaries could not be written; pages waiting for theirs fail, and other nodes count the rest again when asked")]
    private partial void LogWriteFailed(Exception exception, int count);

    /// <summary>A page's last key, with the run it belongs to (written only while that run is still current).</summary>
    internal sealed record BoundaryRow
    {
        public string IntegrationId { get; init; } = string.Empty;

        public string RunKey { get; init; } = string.Empty;

        public int PageNumber { get; init; }

        public long LastSeq { get; init; }

        public long FromSeq { get; init; }

        public long HighWaterSeq { get; init; }

        public long DeletionMark { get; init; }

        public string? Filter { get; init; }

        /// <summary>Told when the batch holding the row is written or fails; null when no page waits for it.</summary>
        public TaskCompletionSource? Written { get; init; }
    }
}
