using ChannelBridge.Application.Common.Ports;
using ChannelBridge.Application.Orders;
using ChannelBridge.Application.PersonalData;
using ChannelBridge.Infrastructure.Persistence.Resilience;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChannelBridge.Infrastructure.Persistence.PersonalData;

/// <summary>
/// Runs the retention sweep (<see cref="PersonalDataEraser.SweepAsync"/>) every <see cref="OrdersOptions.PersonalDataSweepInterval"/>
/// on one node at a time: the node that holds the <c>personal-data-sweep</c> lease in the database. A node that stops
/// mid-sweep loses its lease when it expires and another takes over; each batch is its own transaction, so nothing is
/// half-erased.
/// </summary>
internal sealed partial class PersonalDataSweepService(
    IServiceScopeFactory scopes, IOptions<OrdersOptions> options, TimeProvider time, ITransientFailures failures, ILogger<PersonalDataSweepService> logger) : BackgroundService
{
    public const string Job = "personal-data-sweep";

    private readonly string _owner = Environment.MachineName + ":" + Guid.NewGuid().ToString("N")[..8];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.PersonalDataSweepInterval;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await RunOnceAsync(interval, stoppingToken);
                await Task.Delay(interval, time, stoppingToken);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>One pass, if this node gets the lease; false when another node holds it.</summary>
    internal async Task<bool> RunOnceAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var data = scope.ServiceProvider.GetRequiredService<IPersonalDataRepository>();
        try
        {
            // Long enough for a pass over a large backlog; a node that dies holding it is replaced when it expires.
            if (!await data.TryLeaseAsync(Job, _owner, interval + TimeSpan.FromMinutes(10), cancellationToken))
            {
                return false;
            }

            try
            {
                var result = await scope.ServiceProvider.GetRequiredService<PersonalDataEraser>().SweepAsync(cancellationToken);
                LogPass(result.Orders, result.FeedEntries);
            }
            finally
            {
                await data.ReleaseLeaseAsync(Job, _owner, CancellationToken.None);
            }

            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            if (!failures.IsReportedStorageFault(ex))
            {
                LogFailed(ex);
            }

            return false;
        }
    }

    [LoggerMessage(LogLevel.Debug, "Personal data sweep: {Orders} orders erased, {FeedEntries} feed entries deleted")]
    private partial void LogPass(int orders, int feedEntries);

    [LoggerMessage(LogLevel.Warning, "The personal data sweep failed; the next pass retries")]
    private partial void LogFailed(Exception exception);
}
