using ChannelBridge.Application.Common.Ports;
using ChannelBridge.Infrastructure.Persistence.Resilience;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChannelBridge.Infrastructure.Persistence.Maintenance;

/// <summary>
/// Shortly after start and then hourly, on every node (each task's deletes are idempotent): prunes the order change log
/// (<see cref="ChangeLogPruner"/>), deletes finished orders past their retention (<see cref="FinishedOrderPruner"/>),
/// unused integrations (<see cref="UnusedIntegrationSweeper"/>), listing feeds reported long ago
/// (<see cref="ListingFeedPruner"/>), the integrations' old hourly call counts (<see cref="ActivityHoursPruner"/>) and the
/// ids of listings deleted before any Products run under way began (<see cref="DeletedListingsPruner"/>). A task that
/// fails is logged and tried again the next hour; the others still run.
/// </summary>
internal sealed partial class HourlyMaintenanceService(IServiceProvider services, TimeProvider time, ITransientFailures failures, ILogger<HourlyMaintenanceService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(TimeSpan.FromMinutes(1), time, stoppingToken);
            while (!stoppingToken.IsCancellationRequested)
            {
                await RunAsync("Pruning the order change log", ct => services.GetRequiredService<ChangeLogPruner>().PruneAsync(ct), stoppingToken);
                await RunAsync("Deleting finished orders past their retention", ct => services.GetRequiredService<FinishedOrderPruner>().PruneAsync(ct), stoppingToken);
                await RunAsync("Deleting unused integrations", ct => services.GetRequiredService<UnusedIntegrationSweeper>().SweepAsync(ct), stoppingToken);
                await RunAsync("Deleting reported listing feeds", ct => services.GetRequiredService<ListingFeedPruner>().PruneAsync(ct), stoppingToken);
                await RunAsync("Deleting old hourly call counts", ct => services.GetRequiredService<ActivityHoursPruner>().PruneAsync(ct), stoppingToken);
                await RunAsync("Deleting the ids of listings deleted long ago", ct => services.GetRequiredService<DeletedListingsPruner>().PruneAsync(ct), stoppingToken);
                await Task.Delay(TimeSpan.FromHours(1), time, stoppingToken);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task RunAsync(string task, Func<CancellationToken, Task<int>> run, CancellationToken stoppingToken)
    {
        try
        {
            await run(stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            if (!failures.IsReportedStorageFault(ex))
            {
                LogFailed(ex, task);
            }
        }
    }

    [LoggerMessage(LogLevel.Warning, "{Task} failed; will retry in an hour")]
    private partial void LogFailed(Exception exception, string task);
}
