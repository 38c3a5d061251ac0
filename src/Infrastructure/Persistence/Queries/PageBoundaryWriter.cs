using System.Threading.Channels;
using ChannelBridge.Application.Common.Ports;
using ChannelBridge.Infrastructure.Persistence.Resilience;
using Dapper;
using Microsoft.Extensions.Logging;

namespace ChannelBridge.Infrastructure.Persistence.Queries;

/// <summary>
/// Writes page boundaries behind the requests that served them (ADR-010): one background writer takes whatever has
/// accumulated and writes it in one transaction, so a page never waits for the database's writer. Boundaries serve other
/// nodes and restarts, and a missing one is recomputed by walking forward, so a batch that fails to write is dropped —
/// logged and counted (<c>channelbridge.paging.boundary_write_failures</c>), never silently.
/// </summary>
internal sealed partial class PageBoundaryWriter(DbConnectionFactory connections, ITransientFailures failures, ILogger<PageBoundaryWriter> logger) : IAsyncDisposable
{
    private const int MaxBatch = 1000;

    private readonly Channel<BoundaryRow> _pending = Channel.CreateUnbounded<BoundaryRow>(new UnboundedChannelOptions { SingleReader = true });
    private readonly object _startLock = new();

    // Held while a batch is taken and written, so a flush returns only once what was queued before it is written.
    private readonly SemaphoreSlim _writing = new(1, 1);
    private Task? _loop;

    /// <summary>Queues a boundary for writing.</summary>
    public void Enqueue(BoundaryRow row)
    {
        _pending.Writer.TryWrite(row);
        if (_loop is null)
        {
            lock (_startLock)
            {
                _loop ??= Task.Run(WriteLoopAsync);
            }
        }
    }

    /// <summary>Writes every boundary queued so far, and waits for a batch the writer has taken (tests).</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        await _writing.WaitAsync(cancellationToken);
        try
        {
            var batch = new List<BoundaryRow>();
            while (_pending.Reader.TryRead(out var row))
            {
                batch.Add(row);
            }

            await WriteAsync(batch, cancellationToken);
        }
        finally
        {
            _writing.Release();
        }
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
            await _writing.WaitAsync();
            try
            {
                while (batch.Count < MaxBatch && _pending.Reader.TryRead(out var row))
                {
                    batch.Add(row);
                }

                await WriteAsync(batch, CancellationToken.None);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Application.Common.ChannelBridgeTelemetry.PageBoundaryWriteFailures.Add(1);
                if (!failures.IsReportedStorageFault(ex))
                {
                    LogWriteFailed(ex, batch.Count);
                }
            }
            finally
            {
                _writing.Release();
            }

            batch.Clear();
        }
    }

    private async Task WriteAsync(List<BoundaryRow> batch, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return;
        }

        var latest = batch.GroupBy(b => (b.IntegrationId, b.RunKey, b.PageNumber)).Select(g => g.Last()).ToList();
        await using var connection = await connections.OpenPagingAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(PagingSql.DeleteBoundary, latest, tx, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(PagingSql.InsertBoundary, latest, tx, cancellationToken: cancellationToken));
        await tx.CommitAsync(cancellationToken);
    }

    [LoggerMessage(LogLevel.Warning, "{Count} page boundaries could not be written; other nodes recompute them when asked")]
    private partial void LogWriteFailed(Exception exception, int count);

    /// <summary>A page's last key, with the run it belongs to (written only while that run is still current).</summary>
    internal sealed class BoundaryRow
    {
        public string IntegrationId { get; init; } = string.Empty;

        public string RunKey { get; init; } = string.Empty;

        public int PageNumber { get; init; }

        public long LastSeq { get; init; }

        public long FromSeq { get; init; }

        public long HighWaterSeq { get; init; }

        public long DeletionMark { get; init; }

        public string? Filter { get; init; }
    }
}
