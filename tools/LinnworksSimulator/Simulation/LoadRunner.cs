namespace ChannelBridge.LinnworksSimulator.Simulation;

/// <summary>
/// Many sellers polling at once, bounded in count and time, loopback only: all integrate first (AddNewUser and the
/// wizard, at once), then each loops ConfigTest, a full Orders download and the first Products page until the time
/// is up — the duration counts from the end of integration, so it measures polling, not 200 sign-ups at once — and
/// then removes the channel (ConfigDeleted).
/// </summary>
public static class LoadRunner
{
    public static async Task<int> RunAsync(Func<LinnworksClient> newClient, ScenarioOptions options, int sellers, TimeSpan duration, Uri target, CancellationToken cancellationToken)
    {
        if (!target.IsLoopback)
        {
            throw new InvalidOperationException($"Load mode only runs against loopback (127.0.0.1, localhost); {target.Host} is not.");
        }

        if (sellers is < 1 or > 200)
        {
            throw new ArgumentOutOfRangeException(nameof(sellers), "Between 1 and 200 sellers.");
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var rounds = 0;
        var integrated = 0;
        var allIntegrated = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        IReadOnlyList<IReadOnlyDictionary<string, string>> stores = options.AnswerSets.Count > 0 ? options.AnswerSets : [options.Answers];
        await Task.WhenAll(Enumerable.Range(0, sellers).Select(async seller =>
        {
            var quiet = new ScenarioOptions
            {
                Answers = stores[seller % stores.Count],
                OrdersSinceUtc = options.OrdersSinceUtc,
                Despatch = false,
                MaxPages = options.MaxPages,
            };
            var client = newClient();
            using var pacer = options.CallsPerMinute > 0
                ? new System.Threading.RateLimiting.TokenBucketRateLimiter(new System.Threading.RateLimiting.TokenBucketRateLimiterOptions
                {
                    TokenLimit = Math.Max(1, options.CallsPerMinute / 60),
                    TokensPerPeriod = Math.Max(1, options.CallsPerMinute / 60),
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = int.MaxValue,
                })
                : null;
            client.Pacer = pacer;
            var scenario = new Scenario(client, quiet);
            string? token = null;
            try
            {
                token = await scenario.IntegrateAsync(cancellationToken);
            }
            finally
            {
                if (Interlocked.Increment(ref integrated) == sellers)
                {
                    stop.CancelAfter(duration);
                    allIntegrated.TrySetResult();
                }
            }

            await allIntegrated.Task.WaitAsync(cancellationToken);
            while (token is not null && !stop.IsCancellationRequested)
            {
                try
                {
                    await client.PostAsync("ConfigTest", new { AuthorizationToken = token }, stop.Token);
                    await scenario.PullOrdersAsync(token, stop.Token, keepItems: false);
                    await client.PostAsync("Products", new { AuthorizationToken = token, PageNumber = 1 }, stop.Token);
                    Interlocked.Increment(ref rounds);
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                }
            }

            // Each seller then removes the channel, as Linnworks tells the integration when a seller does: repeated runs
            // against one store do not pile up its linked integrations (at most Integrations:MaxLinkedPerStore).
            if (token is not null && client.Has("ConfigDeleted"))
            {
                await client.PostAsync("ConfigDeleted", new { AuthorizationToken = token }, cancellationToken);
            }
        }));
        return rounds;
    }
}
