using System.Data;
using System.Data.Common;
using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace ChannelBridge.Infrastructure.Persistence;

/// <summary>
/// A SQLite connection whose write transactions wait their turn in this process (<see cref="WriterTurns"/>: first come
/// first served within a store, the stores in rotation; ADR-013, ADR-042) before they ask SQLite for its one write
/// lock. SQLite's own wait polls with growing sleeps (up to 100 ms), so under many writers a newcomer polling every
/// millisecond takes the lock ahead of one that has waited seconds: with 200 sellers some page-1 writes waited past the
/// deadline and were answered "retry". The queue is per process;
/// between processes (two nodes on one file) SQLite's wait still applies. Read-only (deferred) transactions do not queue.
/// </summary>
internal sealed class QueuedWriterSqliteConnection(string connectionString, WriterTurns writers, string? writer = null) : SqliteConnection(connectionString)
{
    private bool _holding;

    /// <summary>
    /// Tests only: batches of commands in the shape SQL Server's are sent (<see cref="RepeatedStatement"/>), so the
    /// repositories' batched writes run on SQLite, which has no batches of its own.
    /// </summary>
    internal Func<SqliteConnection, DbBatch>? Batches { get; init; }

    public override bool CanCreateBatch => Batches is not null;

    protected override DbBatch CreateDbBatch() => Batches?.Invoke(this) ?? base.CreateDbBatch();

    /// <summary>As long as SQLite itself would wait for the lock (its busy timeout; 0 means for ever).</summary>
    private TimeSpan Patience => DefaultTimeout > 0 ? TimeSpan.FromSeconds(DefaultTimeout) : Timeout.InfiniteTimeSpan;

    /// <summary>SQLite sets this to null when a transaction commits, rolls back or is disposed: the turn ends there.</summary>
    protected override SqliteTransaction? Transaction
    {
        get => base.Transaction;
        set
        {
            base.Transaction = value;
            if (value is null)
            {
                Release();
            }
        }
    }

    public override SqliteTransaction BeginTransaction(IsolationLevel isolationLevel, bool deferred)
    {
        if (!deferred && !_holding)
        {
            var started = Stopwatch.GetTimestamp();
            Wait(writers.Wait(writer, Patience), Stopwatch.GetElapsedTime(started));
        }

        return Begin(isolationLevel, deferred);
    }

    public override void Close()
    {
        base.Close();
        Release();
    }

    protected override async ValueTask<DbTransaction> BeginDbTransactionAsync(IsolationLevel isolationLevel, CancellationToken cancellationToken)
    {
        var deferred = isolationLevel == IsolationLevel.ReadUncommitted; // as SqliteConnection.BeginTransaction(IsolationLevel) decides
        if (!deferred && !_holding)
        {
            var started = Stopwatch.GetTimestamp();
            Wait(await writers.WaitAsync(writer, Patience, cancellationToken), Stopwatch.GetElapsedTime(started));
        }

        return Begin(isolationLevel, deferred);
    }

    private SqliteTransaction Begin(IsolationLevel isolationLevel, bool deferred)
    {
        try
        {
            return base.BeginTransaction(isolationLevel, deferred);
        }
        catch
        {
            Release();
            throw;
        }
    }

    /// <summary>
    /// Takes the turn, or fails as SQLite does when its own wait runs out (a transient "busy", answered "retry"). The
    /// wait for the turn is part of the wait for the lock: SQLite may wait only what is left of the busy timeout (which
    /// inside a Linnworks request is the deadline's time left), or a writer queued behind one that waited out another
    /// process's lock would wait twice and answer after Linnworks gave up.
    /// </summary>
    private void Wait(bool entered, TimeSpan waited)
    {
        var left = Patience - waited;
        if (!entered || (DefaultTimeout > 0 && left <= TimeSpan.Zero))
        {
            if (entered)
            {
                writers.Release();
            }

            throw new SqliteException($"Waited {DefaultTimeout} s for the other writers of this process.", 5 /* SQLITE_BUSY */);
        }

        _holding = true;
        if (DefaultTimeout > 0)
        {
            DefaultTimeout = Math.Max(1, (int)left.TotalSeconds); // whole seconds, at least 1 (0 would mean for ever)
        }
    }

    private void Release()
    {
        if (_holding)
        {
            _holding = false;
            writers.Release();
        }
    }
}
