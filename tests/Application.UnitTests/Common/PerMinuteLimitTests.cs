using ChannelBridge.Application.Common;

namespace ChannelBridge.Application.UnitTests.Common;

/// <summary>Each per-minute limit's windows are its own: the same key under two limits, or under a limit made afresh, counts apart.</summary>
public class PerMinuteLimitTests
{
    [Fact]
    public void TheSameKey_UnderTwoLimits_HasAWindowInEach_WithItsOwnPermits()
    {
        using var one = PerMinuteLimit.PerKey(() => 1);
        using var three = PerMinuteLimit.PerKey(() => 3);

        PerMinuteLimit.TryTake(one, "203.0.113.5").Should().BeNull();
        PerMinuteLimit.TryTake(one, "203.0.113.5").Should().NotBeNull("one permit a minute");
        Enumerable.Range(0, 3).Select(_ => PerMinuteLimit.TryTake(three, "203.0.113.5")).ToList().Should().AllSatisfy(wait => wait.Should().BeNull());
        PerMinuteLimit.TryTake(three, "203.0.113.5").Should().BeGreaterThan(TimeSpan.Zero).And.BeLessThanOrEqualTo(TimeSpan.FromMinutes(1));
        PerMinuteLimit.Spent(one, "203.0.113.6").Should().BeNull("another key has its own window");
    }

    [Fact]
    public void ALimitMadeAfresh_DoesNotSeeAnEarlierOnesWindows()
    {
        using (var before = PerMinuteLimit.PerKey(() => 1))
        {
            PerMinuteLimit.TryTake(before, "key").Should().BeNull();
            PerMinuteLimit.Spent(before, "key").Should().NotBeNull();
        }

        using var after = PerMinuteLimit.PerKey(() => 1);
        PerMinuteLimit.Spent(after, "key").Should().BeNull();
        PerMinuteLimit.TryTake(after, "key").Should().BeNull();
    }
}
