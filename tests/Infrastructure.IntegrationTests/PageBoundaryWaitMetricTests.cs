using System.Diagnostics.Metrics;
using ChannelBridge.Application.Common;

namespace ChannelBridge.Infrastructure.IntegrationTests;

/// <summary>
/// Where nodes share download runs, each page's wait for its end to be written is measured
/// (<c>channelbridge.paging.boundary_wait</c>): on SQL Server nothing else shows the paging writes' share of a page's time.
/// Alone in its collection, so no other test's pages are measured beside these.
/// </summary>
[Collection(nameof(PageBoundaryWaitMetricTests))]
public sealed class PageBoundaryWaitMetricTests(SqliteDatabaseFixture database) : IClassFixture<SqliteDatabaseFixture>
{
    [Theory]
    [InlineData(true, 1)]
    [InlineData(false, 0)]
    public async Task APageServed_IsMeasuredWaitingForItsEnd_OnlyWhereNodesShareRuns(bool shared, int measured)
    {
        var waits = new List<double>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == ChannelBridgeTelemetry.Name && instrument.Name == "channelbridge.paging.boundary_wait")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<double>((_, value, _, _) => waits.Add(value));
        listener.Start();
        var failures = new Application.Common.Ports.TransientFailures();
        await using var writer = new Persistence.Queries.PageBoundaryWriter(
            database.Connections, failures, Microsoft.Extensions.Logging.Abstractions.NullLogger<Persistence.Queries.PageBoundaryWriter>.Instance);
        var pager = new Persistence.Queries.SnapshotPager(writer, TimeProvider.System, failures) { OtherNodesServeItsRuns = shared };
        var run = await pager.RunAsync(database.CallConnections, Guid.NewGuid().ToString("N"), "orders:test", 1, () => Task.FromResult((1L, 500L, 0L)), CancellationToken.None);

        await pager.RecordServedBoundaryAsync(run, 1, 100, CancellationToken.None);

        waits.Should().HaveCount(measured);
        waits.Should().NotContain(w => w < 0);
    }
}

[CollectionDefinition(nameof(PageBoundaryWaitMetricTests), DisableParallelization = true)]
public sealed class PageBoundaryWaitMetricCollection;
