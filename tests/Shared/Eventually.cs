namespace ChannelBridge.Tests;

/// <summary>
/// Waits for something a background component does (a webhook delivered, a checkpoint run, activity written) by
/// watching for its effect, never by sleeping a fixed time: it returns as soon as the condition holds and fails, saying
/// why, when it has not held within the wait. Linked into every test project that needs it.
/// </summary>
internal static class Eventually
{
    private static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(25);

    /// <summary>Returns once <paramref name="condition"/> holds.</summary>
    public static async Task True(Func<bool> condition, string because, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? DefaultWait);
        while (!condition())
        {
            DateTime.UtcNow.Should().BeBefore(deadline, because);
            await Task.Delay(PollEvery);
        }
    }

    /// <summary>Reads until what is read satisfies <paramref name="done"/>, and returns it.</summary>
    public static async Task<T> Value<T>(Func<Task<T>> read, Func<T, bool> done, string because, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? DefaultWait);
        while (true)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }

            DateTime.UtcNow.Should().BeBefore(deadline, $"{because}; last read: {value}");
            await Task.Delay(PollEvery);
        }
    }
}
