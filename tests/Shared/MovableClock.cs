namespace ChannelBridge.Tests;

/// <summary>The real time plus whatever a test moves it on by (no sleeping for an expiry); its timestamps and timers are the real ones.</summary>
public sealed class MovableClock : TimeProvider
{
    private long _offsetTicks;

    /// <summary>A clock <paramref name="offset"/> away from the real time: a node whose clock is out of step.</summary>
    public MovableClock(TimeSpan offset = default) => _offsetTicks = offset.Ticks;

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow().AddTicks(Interlocked.Read(ref _offsetTicks));

    public void MoveOn(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);

    /// <summary>Back to the real time: a test that shares the clock with others starts from now, whatever ran before it.</summary>
    public void Reset() => Interlocked.Exchange(ref _offsetTicks, 0);
}
