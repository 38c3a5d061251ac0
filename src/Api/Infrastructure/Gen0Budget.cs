namespace ChannelBridge.Api.Infrastructure;

/// <summary>
/// The garbage collector's budget for new objects between two collections (ADR-020). The workstation collector
/// (ADR-015) caps it at 6 MiB, and a batch of 500 orders keeps several MiB alive while it is worked on, so with the cap
/// every batch was copied from generation to generation many times over. Only the runtime's environment variable
/// <c>DOTNET_GCgen0size</c> raises it: the container image and the launch profile set it; another host must.
/// </summary>
public static class Gen0Budget
{
    public const long RecommendedBytes = 32L * 1024 * 1024;

    /// <summary>What this process runs with: the collector's own configuration, as it reports it.</summary>
    public static long CurrentBytes =>
        GC.GetConfigurationVariables().TryGetValue("GCGen0MaxBudget", out var budget) ? Convert.ToInt64(budget, System.Globalization.CultureInfo.InvariantCulture) : 0;

    /// <summary>Says at start-up what the budget is, and how to raise it when it is below <see cref="RecommendedBytes"/>.</summary>
    public static void Report(ILogger logger)
    {
        var current = CurrentBytes;
        if (current < RecommendedBytes)
        {
            logger.LogInformation(
                "The garbage collector's gen0 budget is {Budget} MiB; bulk order ingest needs about a third less CPU an order with DOTNET_GCgen0size=0x2000000 (32 MiB) in the environment (ADR-020)",
                current / (1024 * 1024));
        }
    }
}
