using Microsoft.Extensions.Options;

namespace ChannelBridge.Api.Infrastructure;

/// <summary>
/// The lookups that name a request's caller before its turn: a Channel API key (<see cref="ChannelCallerMiddleware"/>,
/// ADR-024) and a Linnworks token (<see cref="LinnworksCaller.IdentifyAsync"/>, ADR-025). At most as many run at once as a
/// lane has turns (<see cref="RequestQueue.LaneTurns"/>), the rest waiting in arrival order. Each is one indexed read; run
/// at whatever concurrency a flood arrives with, each held a pooled SQLite connection of its own, and 64 connections of
/// made-up tokens took the node's peak memory from 237 to 333 MB and the other sellers' Orders p99 from 66 to 107 ms
/// (docs/performance.md).
/// </summary>
public sealed class CallerLookups(IOptions<ApiOptions> options) : IDisposable
{
    private readonly SemaphoreSlim _turns = new(RequestQueue.LaneTurns(options.Value));

    /// <summary>Runs <paramref name="lookup"/> in its turn; <paramref name="cancellationToken"/> ends the wait for it too.</summary>
    public async Task<T> RunAsync<T>(Func<Task<T>> lookup, CancellationToken cancellationToken)
    {
        await _turns.WaitAsync(cancellationToken);
        try
        {
            return await lookup();
        }
        finally
        {
            _turns.Release();
        }
    }

    public void Dispose() => _turns.Dispose();
}
