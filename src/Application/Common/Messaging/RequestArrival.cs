namespace ChannelBridge.Application.Common.Messaging;

/// <summary>
/// When the running request reached the service, ambient like <see cref="RequestDeadline"/>: Linnworks' 10 s count
/// from when it sent the call, so the time a request waited in the service's queue (ADR-013) comes off its deadline.
/// Marked by the host at the front of its pipeline; outside a marked request nothing has been waited.
/// </summary>
public static class RequestArrival
{
    private static readonly AsyncLocal<(long Timestamp, TimeProvider Clock)?> Ambient = new();

    /// <summary>Time since the request arrived, or zero outside a marked request.</summary>
    public static TimeSpan Waited => Ambient.Value is { } arrival ? arrival.Clock.GetElapsedTime(arrival.Timestamp) : TimeSpan.Zero;

    /// <summary>Marks the request arriving now; the mark holds until the returned scope is disposed.</summary>
    public static IDisposable Mark(TimeProvider clock)
    {
        var previous = Ambient.Value;
        Ambient.Value = (clock.GetTimestamp(), clock);
        return new Restore(previous);
    }

    private sealed class Restore((long, TimeProvider)? previous) : IDisposable
    {
        public void Dispose() => Ambient.Value = previous;
    }
}
