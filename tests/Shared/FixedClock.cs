namespace ChannelBridge.Tests;

/// <summary>A clock that always reads <paramref name="utcNow"/>: for what a background task decides at a given moment.</summary>
internal sealed class FixedClock(DateTime utcNow) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => new(DateTime.SpecifyKind(utcNow, DateTimeKind.Utc));
}
