using ChannelBridge.Application.Common.Ports;

namespace ChannelBridge.Infrastructure.Persistence.Resilience;

/// <summary>
/// Background work (webhook deliveries, page boundaries, integration activity, checkpoints, the hourly maintenance, the
/// personal-data sweep) logs its own failures, but not the storage's: a write refused by storage that is full, read-only
/// or failing is reported by <see cref="StorageFaultMonitor"/> once a minute for the node, and the work's own line would
/// repeat it with a stack trace at every round (every page served, every second of the webhook loop) while it lasts.
/// </summary>
internal static class BackgroundFailures
{
    /// <summary>Whether <paramref name="exception"/> is a storage fault, which the monitor reports (ADR-034).</summary>
    public static bool IsReportedStorageFault(this ITransientFailures failures, Exception exception) =>
        failures.StorageFaultOf(exception) != StorageFault.None;
}
