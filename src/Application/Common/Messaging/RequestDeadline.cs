namespace ChannelBridge.Application.Common.Messaging;

/// <summary>
/// The running Linnworks request's deadline, ambient like <see cref="PipelineCancellation"/>, so the data
/// layer can bound what cancellation cannot interrupt: SQLite's busy wait and a command's timeout are set
/// to the time left, and a call waiting on a locked database gives up before its deadline, not after.
/// </summary>
public static class RequestDeadline
{
    private static readonly AsyncLocal<(DateTimeOffset At, TimeProvider Clock)?> Ambient = new();

    /// <summary>Time left before the running request's deadline (never negative), or null outside one.</summary>
    public static TimeSpan? Remaining
    {
        get
        {
            if (Ambient.Value is not { } d)
            {
                return null;
            }

            var left = d.At - d.Clock.GetUtcNow();
            return left > TimeSpan.Zero ? left : TimeSpan.Zero;
        }
    }

    internal static IDisposable Start(DateTimeOffset at, TimeProvider clock)
    {
        var previous = Ambient.Value;
        Ambient.Value = (at, clock);
        return new Restore(previous);
    }

    private sealed class Restore((DateTimeOffset, TimeProvider)? previous) : IDisposable
    {
        public void Dispose() => Ambient.Value = previous;
    }
}
