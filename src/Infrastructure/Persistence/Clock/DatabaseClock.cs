namespace ChannelBridge.Infrastructure.Persistence.Clock;

/// <summary>
/// The service's clock: this node's, moved by how far the database's clock is from it (<see cref="DatabaseClockSync"/>).
/// Times one node stores and another compares (a webhook's lease and next attempt, a background job's lease, a token's
/// or a paging run's expiry) are then on one timeline: a node whose clock is out of step neither takes a lease another
/// node still holds nor keeps one past its end. Timestamps and timers stay the node's own: they measure durations,
/// which an offset does not change.
/// </summary>
internal sealed class DatabaseClock(TimeProvider node) : TimeProvider
{
    private long _offsetTicks;

    /// <summary>The node's own clock.</summary>
    public TimeProvider Node => node;

    /// <summary>How far the database's clock is ahead of the node's (negative when behind).</summary>
    public TimeSpan Offset
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));
        set => Interlocked.Exchange(ref _offsetTicks, value.Ticks);
    }

    public override DateTimeOffset GetUtcNow() => node.GetUtcNow() + Offset;

    public override long GetTimestamp() => node.GetTimestamp();

    public override long TimestampFrequency => node.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => node.LocalTimeZone;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        node.CreateTimer(callback, state, dueTime, period);
}
