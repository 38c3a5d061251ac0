using ChannelBridge.Application.Common.Ports;
using Microsoft.Extensions.Logging;

namespace ChannelBridge.Infrastructure.Persistence.Resilience;

/// <summary>
/// Writes the database refused because of its storage (full, read-only, failing): the last one's time and kind for the
/// health check, and an error log line at most once a minute on this node (every write fails while it lasts; one line
/// says so).
/// </summary>
internal sealed partial class StorageFaultMonitor(TimeProvider time, ILogger<StorageFaultMonitor> logger)
{
    private static readonly TimeSpan LogEvery = TimeSpan.FromMinutes(1);
    private long _lastSeenTicks;
    private long _lastLoggedTicks;
    private int _lastFault;

    /// <summary>When a write was last refused by the storage on this node, and why; null when never.</summary>
    public (DateTimeOffset At, StorageFault Fault)? LastSeen =>
        Interlocked.Read(ref _lastSeenTicks) is > 0 and var ticks ? (new DateTimeOffset(ticks, TimeSpan.Zero), (StorageFault)Volatile.Read(ref _lastFault)) : null;

    /// <summary>What the storage does while the fault lasts, as the health check and the log line say it.</summary>
    public static string Describe(StorageFault fault) => fault switch
    {
        StorageFault.Full => "lack of space",
        StorageFault.ReadOnly => "storage that is read-only",
        _ => "storage that is failing (input/output errors, or the file cannot be opened)",
    };

    public void Saw(StorageFault fault, Exception exception)
    {
        var now = time.GetUtcNow();
        Volatile.Write(ref _lastFault, (int)fault);
        Interlocked.Exchange(ref _lastSeenTicks, now.UtcTicks);
        var logged = Interlocked.Read(ref _lastLoggedTicks);
        if (now.UtcTicks - logged >= LogEvery.Ticks && Interlocked.CompareExchange(ref _lastLoggedTicks, now.UtcTicks, logged) == logged)
        {
            LogRefused(Describe(fault), exception.GetType().Name, exception.Message);
        }
    }

    [LoggerMessage(LogLevel.Error, "The database refused a write for {Cause} ({Exception}: {Message}). Calls that write answer 'retry' and change nothing until the storage where the database lives is mended (logged once a minute while it lasts)")]
    private partial void LogRefused(string cause, string exception, string message);
}
