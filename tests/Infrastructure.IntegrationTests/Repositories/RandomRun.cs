namespace ChannelBridge.Infrastructure.IntegrationTests.Repositories;

/// <summary>
/// A seeded scenario of a download run that Linnworks pages to its end while the store changes under it (the random run
/// contracts): between pages the store changes a few times; now and then Linnworks asks for the page before again, or
/// downloads again from page 1 (a new run, at most twice). The scenario says what changes, how a page is served and what
/// the run must not have lost.
/// </summary>
internal abstract class RandomRun(Random random)
{
    public List<string> Problems { get; } = [];

    public System.Text.StringBuilder Log { get; } = new();

    protected Random Random => random;

    /// <summary>Runs the scenarios of seeds 1 to <paramref name="seeds"/>; fails naming every seed that found a problem, with the first one's log.</summary>
    public static async Task CheckSeedsAsync(int seeds, Func<Random, Task<RandomRun>> start)
    {
        var failed = new List<(int Seed, RandomRun Run)>();
        for (var seed = 1; seed <= seeds; seed++)
        {
            var run = await start(new Random(seed));
            await run.RunAsync();
            if (run.Problems.Count > 0)
            {
                failed.Add((seed, run));
            }
        }

        if (failed is [var (first, firstFailed), ..])
        {
            Assert.Fail($"{failed.Count} of {seeds} seeds ({string.Join(", ", failed.Select(f => f.Seed))}); seed {first}: "
                + $"{string.Join("; ", firstFailed.Problems)}{Environment.NewLine}{firstFailed.Log}");
        }
    }

    private async Task RunAsync()
    {
        BeginRun();
        var (more, restarts) = (true, 0);
        for (var n = 1; more; n++)
        {
            if (n > 200)
            {
                Problems.Add("the run did not end within 200 pages");
                return;
            }

            if (n > 1)
            {
                for (var k = random.Next(0, 4); k > 0; k--)
                {
                    await ChangeAsync();
                }

                if (n > 2 && random.Next(6) == 0)
                {
                    await ServeAsync(n - 1);   // Linnworks asks for the page before again
                }
                else if (n > 2 && restarts < 2 && random.Next(8) == 0)
                {
                    // The download fails on Linnworks' side, and it downloads again from the same UTCTimeFrom: a new run.
                    BeginRun();
                    (n, restarts) = (1, restarts + 1);
                    Log.AppendLine("Linnworks downloads again");
                }
            }

            more = await ServeAsync(n);
        }

        CheckNothingLost();
    }

    /// <summary>A run begins: what it holds, and nothing served yet.</summary>
    protected abstract void BeginRun();

    /// <summary>One change to the store, the model's and the database's.</summary>
    protected abstract Task ChangeAsync();

    /// <summary>Serves page <paramref name="n"/> and checks what it holds; whether more follow.</summary>
    protected abstract Task<bool> ServeAsync(int n);

    /// <summary>Adds a problem for each item the run held that it had to serve and did not.</summary>
    protected abstract void CheckNothingLost();
}
