using Microsoft.Extensions.Logging;

namespace ChannelBridge.Infrastructure.Persistence.Resilience;

/// <summary>
/// Writes the database refused for lack of space: the last one's time for the health check, and an error log line at
/// most once a minute on this node (every write fails while the storage is full; one line says so).
/// </summary>
internal sealed partial class StorageFullMonitor(TimeProvider time, ILogger<StorageFullMonitor> logger)
{
    private static readonly TimeSpan LogEvery = TimeSpan.FromMinutes(1);
    private long _lastSeenTicks;
    private long _lastLoggedTicks;

    /// <summary>When a write was last refused for lack of space on this node, or null.</summary>
    public DateTimeOffset? LastSeen => Interlocked.Read(ref _lastSeenTicks) is > 0 and var ticks ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;

    public void Saw(Exception exception)
    {
        var now = time.GetUtcNow();
        Interlocked.Exchange(ref _lastSeenTicks, now.UtcTicks);
        var logged = Interlocked.Read(ref _lastLoggedTicks);
        if (now.UtcTicks - logged >= LogEvery.Ticks && Interlocked.CompareExchange(ref _lastLoggedTicks, now.UtcTicks, logged) == logged)
        {
            LogFull(exception.GetType().Name, exception.Message);
        }
    }

    [LoggerMessage(LogLevel.Error, "The database refused a write for lack of space ({Exception}: {Message}). Calls that write answer 'retry' and change nothing until space is freed where the database lives (logged once a minute while it lasts)")]
    private partial void LogFull(string exception, string message);
}
