using ChannelBridge.Application.Common;
using Dapper;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChannelBridge.Infrastructure.Persistence.Clock;

/// <summary>
/// Reads the database's clock at start-up and once a minute, and sets <see cref="DatabaseClock.Offset"/> from it. Of three
/// readings on one connection, the one with the shortest round trip is taken, its database time set against the middle
/// of that trip (so the offset is right within half of it); a reading whose trip is longer than a second is not used.
/// On SQLite the database's clock is the machine's, and so every node's: the offset stays within a millisecond.
/// A node more than a second out of step is logged as a warning (again when the offset moves by another second, or
/// after an hour): the service keeps working on the database's time, and the node's time wants setting right.
/// </summary>
internal sealed partial class DatabaseClockSync(DbConnectionFactory connections, DatabaseClock clock, ILogger<DatabaseClockSync> logger) : BackgroundService
{
    internal const string SqlServerNow = "SELECT SYSUTCDATETIME()";

    internal const string SqliteNow = "SELECT strftime('%Y-%m-%d %H:%M:%f', 'now')";

    internal static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    internal static readonly TimeSpan MaxRoundTrip = TimeSpan.FromSeconds(1);

    internal static readonly TimeSpan OutOfStep = TimeSpan.FromSeconds(1);

    private static readonly TimeSpan LogAgainAfter = TimeSpan.FromHours(1);

    private const int Readings = 3;

    private (TimeSpan Offset, long At)? _logged;

    /// <summary>Reads the database's clock and sets the offset; the offset taken, or null when no reading could be used (the offset is kept).</summary>
    public async Task<TimeSpan?> SyncOnceAsync(CancellationToken cancellationToken)
    {
        TimeSpan? offset;
        try
        {
            offset = await MeasureAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The database down, or answering something else than a time: the node keeps the offset it has, and serves.
            LogUnread(ex);
            return null;
        }

        if (offset is not { } taken)
        {
            LogSlow(MaxRoundTrip.TotalSeconds);
            return null;
        }

        clock.Offset = taken;
        ChannelBridgeTelemetry.ClockOffset.Record(taken.TotalSeconds);
        LogWhenOutOfStep(taken);
        return taken;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock.Node);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await SyncOnceAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task<TimeSpan?> MeasureAsync(CancellationToken cancellationToken)
    {
        var node = clock.Node;
        var sql = connections.Provider == DatabaseProvider.SqlServer ? SqlServerNow : SqliteNow;
        await using var connection = await connections.OpenAsync(cancellationToken);
        (TimeSpan Offset, TimeSpan Trip)? best = null;
        for (var i = 0; i < Readings; i++)
        {
            var (sent, sentUtc) = (node.GetTimestamp(), node.GetUtcNow());
            var value = await connection.ExecuteScalarAsync<object>(new CommandDefinition(sql, cancellationToken: cancellationToken));
            var trip = node.GetElapsedTime(sent);
            if (trip <= MaxRoundTrip && (best is null || trip < best.Value.Trip))
            {
                best = (DatabaseTime(value) - (sentUtc.UtcDateTime + (trip / 2)), trip);
            }
        }

        return best?.Offset;
    }

    /// <summary>SQL Server answers a DATETIME2, SQLite text; both UTC.</summary>
    private static DateTime DatabaseTime(object? value) => DbTime.TryUtc(value, out var time)
        ? time
        : throw new InvalidOperationException($"The database answered its time as {value?.GetType().Name ?? "null"} that is not a time.");

    private void LogWhenOutOfStep(TimeSpan offset)
    {
        var now = clock.Node.GetTimestamp();
        if (offset.Duration() <= OutOfStep)
        {
            _logged = null;
            return;
        }

        if (_logged is { } last && (offset - last.Offset).Duration() <= OutOfStep && clock.Node.GetElapsedTime(last.At, now) < LogAgainAfter)
        {
            return;
        }

        _logged = (offset, now);
        LogOutOfStep(offset.Duration().TotalSeconds, offset > TimeSpan.Zero ? "behind" : "ahead of");
    }

    [LoggerMessage(LogLevel.Warning, "This node's clock is {Seconds:0.000} s {Direction} the database's. The service keeps the database's time, so leases, back-offs and expiry agree across nodes; set this node's time right (NTP)")]
    private partial void LogOutOfStep(double seconds, string direction);

    [LoggerMessage(LogLevel.Warning, "The database's clock could not be read; the service keeps the offset it has")]
    private partial void LogUnread(Exception exception);

    [LoggerMessage(LogLevel.Warning, "The database's clock took more than {Seconds} s to answer each of three readings; the service keeps the offset it has")]
    private partial void LogSlow(double seconds);
}
