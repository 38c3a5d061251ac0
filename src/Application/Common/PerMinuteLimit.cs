using System.Threading.RateLimiting;

namespace ChannelBridge.Application.Common;

/// <summary>
/// The one shape of every limit here: a fixed one-minute window per key, no queue (over the limit is refused at
/// once, with the time left as Retry-After). Used for Linnworks calls per integration, Channel API calls per key,
/// failed authentications per address and OAuth tokens per client.
/// </summary>
public static class PerMinuteLimit
{
    public static RateLimitPartition<string> Partition(string key, int permits) =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        });

    /// <summary>
    /// A limiter keyed by string, each key with <paramref name="permits"/> (read when the key's window is made). Each
    /// limit is a partitioned limiter of its own, though each wakes a worker ten times a second: their keys are a
    /// caller's to choose (an address, a Linnworks account), and a partitioned limiter serialises its callers while it
    /// tidies its partitions, so one limit flooded with new keys holds up only its own callers (docs/performance.md,
    /// "An idle node's CPU").
    /// </summary>
    public static PartitionedRateLimiter<string> PerKey(Func<int> permits) =>
        PartitionedRateLimiter.Create<string, string>(key => Partition(key, permits()));

    /// <summary>How long until <paramref name="key"/>'s window opens again when it has no permit left this minute (taking none), else null.</summary>
    public static TimeSpan? Spent(PartitionedRateLimiter<string> limiter, string key)
    {
        using var lease = limiter.AttemptAcquire(key, permitCount: 0);
        if (lease.IsAcquired)
        {
            return null;
        }

        return lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
    }

    /// <summary>Takes one of <paramref name="key"/>'s permits this minute: null when taken, else how long until its window opens again.</summary>
    public static TimeSpan? TryTake(PartitionedRateLimiter<string> limiter, string key)
    {
        using var lease = limiter.AttemptAcquire(key);
        if (lease.IsAcquired)
        {
            return null;
        }

        return lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
    }
}
