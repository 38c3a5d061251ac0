using System.Collections.Concurrent;
using ChannelBridge.Application.Common.Ports;
using ChannelBridge.Infrastructure.Persistence;
using ChannelBridge.Infrastructure.Persistence.Resilience;
using Dapper;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChannelBridge.Infrastructure.Activity;

/// <summary>Section <c>Activity</c>.</summary>
public sealed class ActivityOptions
{
    public const string SectionName = "Activity";

    /// <summary>How often a node writes what it recorded: at most one row write per integration and family per interval.</summary>
    [System.ComponentModel.DataAnnotations.Range(typeof(TimeSpan), "00:00:00.050", "00:10:00")]
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>
/// Records Linnworks calls in memory (one small aggregate per integration and endpoint family, so memory stays
/// bounded by the number of integrations) and writes them coalesced to the database on a timer and at shutdown.
/// The SQLite writer sees about one write per active integration family per minute, not one per call.
/// A row is inserted only for an integration that still exists: one deleted since its call (UnusedIntegrationSweeper)
/// leaves no activity behind.
/// </summary>
internal sealed partial class IntegrationActivityRecorder(
    DbConnectionFactory connections, IOptions<ActivityOptions> options, TimeProvider time, ITransientFailures failures, ILogger<IntegrationActivityRecorder> logger)
    : BackgroundService, IIntegrationActivity
{
    private const string UpdateLast = """
        UPDATE IntegrationActivity SET LastCallUtc = @LastCallUtc, LastEndpoint = @LastEndpoint, LastOutcome = @LastOutcome, LastMs = @LastMs,
            LastItems = @LastItems, LastError = COALESCE(@LastError, LastError), LastErrorUtc = COALESCE(@LastErrorUtc, LastErrorUtc)
        WHERE IntegrationId = @IntegrationId AND Family = @Family AND LastCallUtc <= @LastCallUtc
        """;

    private const string InsertLast = """
        INSERT INTO IntegrationActivity (IntegrationId, Family, LastCallUtc, LastEndpoint, LastOutcome, LastMs, LastItems, LastError, LastErrorUtc)
        SELECT @IntegrationId, @Family, @LastCallUtc, @LastEndpoint, @LastOutcome, @LastMs, @LastItems, @LastError, @LastErrorUtc
        WHERE NOT EXISTS (SELECT 1 FROM IntegrationActivity WHERE IntegrationId = @IntegrationId AND Family = @Family)
          AND EXISTS (SELECT 1 FROM UserConfigs WHERE Id = @IntegrationId)
        """;

    private const string UpdateHour = """
        UPDATE IntegrationActivityHours SET Calls = Calls + @Calls, Problems = Problems + @Problems
        WHERE IntegrationId = @IntegrationId AND Family = @Family AND HourUtc = @HourUtc
        """;

    private const string InsertHour = """
        INSERT INTO IntegrationActivityHours (IntegrationId, Family, HourUtc, Calls, Problems)
        SELECT @IntegrationId, @Family, @HourUtc, @Calls, @Problems WHERE EXISTS (SELECT 1 FROM UserConfigs WHERE Id = @IntegrationId)
        """;

    private ConcurrentDictionary<(string IntegrationId, string Family), Aggregate> _pending = new();

    public void Record(IntegrationCall call)
    {
        var aggregate = _pending.GetOrAdd((call.IntegrationId, call.Family), _ => new Aggregate());
        lock (aggregate)
        {
            aggregate.Add(call);
        }
    }

    /// <summary>
    /// Integration families written in one transaction. A flush writes every family called since the last (about 3,000 a
    /// minute at 10,000 sellers, two statements each): in one transaction that holds SQLite's write lock 141 ms, and 842 ms
    /// at 30,000, while despatches and stock updates wait (docs/performance.md). In transactions of this many, a writer
    /// waits for one of them at most.
    /// </summary>
    internal const int FamiliesPerTransaction = 250;

    /// <summary>Writes everything recorded so far (also called at shutdown, and by tests).</summary>
    internal async Task FlushAsync(CancellationToken cancellationToken)
    {
        var batch = Interlocked.Exchange(ref _pending, new ConcurrentDictionary<(string, string), Aggregate>());
        if (batch.IsEmpty)
        {
            return;
        }

        await using var connection = await connections.OpenAsync(cancellationToken);
        foreach (var chunk in batch.Chunk(FamiliesPerTransaction))
        {
            await using var tx = await connection.BeginTransactionAsync(cancellationToken);
            foreach (var ((integrationId, family), aggregate) in chunk)
            {
                await WriteAsync(connection, tx, integrationId, family, aggregate, cancellationToken);
            }

            await tx.CommitAsync(cancellationToken);
        }
    }

    /// <summary>One integration family's last call and its hourly counts, each row updated or else inserted.</summary>
    private static async Task WriteAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction tx, string integrationId, string family, Aggregate aggregate, CancellationToken cancellationToken)
    {
        var last = aggregate.Last!;
        var args = new
        {
            IntegrationId = integrationId,
            Family = family,
            LastCallUtc = last.AtUtc,
            LastEndpoint = last.Endpoint,
            LastOutcome = last.Outcome,
            LastMs = last.Milliseconds,
            LastItems = last.Items,
            LastError = aggregate.LastError?.Error is { } e && e.Length > 1000 ? e[..1000] : aggregate.LastError?.Error,
            LastErrorUtc = aggregate.LastError?.AtUtc,
        };
        if (await connection.ExecuteAsync(new CommandDefinition(UpdateLast, args, tx, cancellationToken: cancellationToken)) == 0)
        {
            await connection.ExecuteAsync(new CommandDefinition(InsertLast, args, tx, cancellationToken: cancellationToken));
        }

        foreach (var (hour, (calls, problems)) in aggregate.Hours)
        {
            var hourArgs = new { IntegrationId = integrationId, Family = family, HourUtc = hour, Calls = calls, Problems = problems };
            if (await connection.ExecuteAsync(new CommandDefinition(UpdateHour, hourArgs, tx, cancellationToken: cancellationToken)) == 0)
            {
                await connection.ExecuteAsync(new CommandDefinition(InsertHour, hourArgs, tx, cancellationToken: cancellationToken));
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(options.Value.FlushInterval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            try
            {
                await FlushAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                FlushFailed(ex);
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await FlushAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            FlushFailed(ex);
        }
    }

    private void FlushFailed(Exception exception)
    {
        if (!failures.IsReportedStorageFault(exception))
        {
            LogFlushFailed(exception);
        }
    }

    [LoggerMessage(LogLevel.Warning, "Writing integration activity failed; it is retried with the next interval's")]
    private partial void LogFlushFailed(Exception exception);

    private sealed class Aggregate
    {
        public IntegrationCall? Last { get; private set; }

        public IntegrationCall? LastError { get; private set; }

        public Dictionary<DateTime, (int Calls, int Problems)> Hours { get; } = [];

        public void Add(IntegrationCall call)
        {
            if (Last is null || call.AtUtc >= Last.AtUtc)
            {
                Last = call;
            }

            if (call.Error is not null && (LastError is null || call.AtUtc >= LastError.AtUtc))
            {
                LastError = call;
            }

            var hour = new DateTime(call.AtUtc.Year, call.AtUtc.Month, call.AtUtc.Day, call.AtUtc.Hour, 0, 0, DateTimeKind.Utc);
            var (calls, problems) = Hours.GetValueOrDefault(hour);
            Hours[hour] = (calls + 1, problems + (call.Outcome == "success" ? 0 : 1));
        }
    }
}
