using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace ChannelBridge.Application.Common;

/// <summary>
/// The service's own traces and metrics (exported with ASP.NET Core's, HttpClient's, SqlClient's and the runtime's
/// over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set). Instruments are named as OpenTelemetry's semantic
/// conventions suggest; ids are tags, secrets never are.
/// </summary>
public static class ChannelBridgeTelemetry
{
    public const string Name = "ChannelBridge";

    public static readonly ActivitySource Source = new(Name);

    private static readonly Meter Meter = new(Name);

    /// <summary>Every Linnworks call, by endpoint and outcome; buckets up to Linnworks' 10 s budget and past it.</summary>
    public static readonly Histogram<double> LinnworksDuration = Meter.CreateHistogram<double>(
        "channelbridge.linnworks.request.duration", "s", "Linnworks calls, from first behaviour to answer (Linnworks gives up at 10 s)",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 8, 10, 15] });

    /// <summary>Calls refused by a rate limit (api: linnworks, channel, oauth).</summary>
    public static readonly Counter<long> RateLimited = Meter.CreateCounter<long>("channelbridge.rate_limited", "{call}", "Calls refused by a rate limit");

    /// <summary>Counts one call refused by a limit in <see cref="RateLimited"/>, by API (linnworks, channel, oauth) and reason.</summary>
    public static void CountRateLimited(string api, string reason) =>
        RateLimited.Add(1, new KeyValuePair<string, object?>("api", api), new KeyValuePair<string, object?>("reason", reason));

    /// <summary>
    /// Batches of a store's orders or listings decided again with the store's writes held after meeting another writer
    /// (ADR-037): how much a store's writers contend.
    /// </summary>
    public static readonly Counter<long> StoreWritesHeld = Meter.CreateCounter<long>(
        "channelbridge.store_writes.held", "{attempt}", "Attempts of a store's batch made with the store's writes held, after meeting another writer");

    /// <summary>Failed authentications (api: linnworks, channel, oauth; reason).</summary>
    public static readonly Counter<long> AuthenticationFailures = Meter.CreateCounter<long>("channelbridge.authentication.failures", "{call}", "Unknown tokens, wrong keys, wrong client secrets");

    /// <summary>Linnworks calls answered "retry" (deadline, busy database, conflicts).</summary>
    public static readonly Counter<long> Retries = Meter.CreateCounter<long>("channelbridge.linnworks.retries", "{call}", "Linnworks calls answered with retry");

    /// <summary>Linnworks calls that failed unexpectedly (answered with a trace id).</summary>
    public static readonly Counter<long> Failures = Meter.CreateCounter<long>("channelbridge.linnworks.failures", "{call}", "Linnworks calls that failed unexpectedly");

    /// <summary>Orders whose buyer's personal data was erased, by reason (retention, request).</summary>
    public static readonly Counter<long> PersonalDataErasedOrders = Meter.CreateCounter<long>("channelbridge.personal_data.erased_orders", "{order}", "Orders whose personal data was erased");

    /// <summary>Delivered feed entries deleted once past retention.</summary>
    public static readonly Counter<long> PersonalDataDeletedFeedEntries = Meter.CreateCounter<long>("channelbridge.personal_data.deleted_feed_entries", "{update}", "Delivered feed entries deleted past retention");

    /// <summary>How far the database's clock is ahead of this node's, in seconds; the service keeps the database's time (<c>DatabaseClock</c>).</summary>
    public static readonly Gauge<double> ClockOffset = Meter.CreateGauge<double>("channelbridge.clock.offset", "s", "How far the database's clock is ahead of this node's");

    /// <summary>Webhooks disabled now (410 Gone, or failing past Webhooks:DisableAfter), as the delivery worker last counted them.</summary>
    public static readonly Gauge<long> WebhooksDisabled = Meter.CreateGauge<long>("channelbridge.webhook.disabled", "{webhook}", "Webhooks disabled now");

    /// <summary>Webhook delivery attempts, by store and outcome (delivered, failed, throttled, unavailable, gone, unreachable, preempted; error: the service's own fault).</summary>
    public static readonly Counter<long> WebhookDeliveries = Meter.CreateCounter<long>("channelbridge.webhook.deliveries", "{update}", "Webhook delivery attempts");

    /// <summary>
    /// Batches of page boundaries the background writer could not write: where nodes share runs their pages failed, else
    /// other nodes count those pages again when asked (ADR-010).
    /// </summary>
    public static readonly Counter<long> PageBoundaryWriteFailures = Meter.CreateCounter<long>(
        "channelbridge.paging.boundary_write_failures", "{batch}", "Batches of page boundaries that could not be written");

    /// <summary>
    /// Where nodes share download runs, how long each Orders or Products page waited for its end to be written before it
    /// was answered (ADR-010): the part of a page's time the paging writes take, measured nowhere else on SQL Server.
    /// </summary>
    public static readonly Histogram<double> PageBoundaryWait = Meter.CreateHistogram<double>(
        "channelbridge.paging.boundary_wait", "s", "Pages' wait for their end to be written where nodes share download runs",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5] });

    /// <summary>
    /// Bytes of request bodies read ahead of their turns and held until answered (Api:MaxRequestBodyBytesHeld bounds
    /// them; past it bodies are refused as busy, counted in <see cref="RateLimited"/>).
    /// </summary>
    public static readonly UpDownCounter<long> RequestBodyBytesHeld = Meter.CreateUpDownCounter<long>(
        "channelbridge.request_bodies.held", "By", "Bytes of request bodies held before and during their turns");

    /// <summary>
    /// Stores this node is delivering webhooks to now (Webhooks:MaxConcurrentDeliveries bounds them): at that bound for
    /// long, slow or hanging receivers hold the slots and the other stores' deliveries wait. Tagged with the store, so a
    /// store whose delivery is in flight for long is the one whose receiver is slow or hangs; the node's figure is the sum.
    /// </summary>
    public static readonly UpDownCounter<long> WebhookDeliveriesInFlight = Meter.CreateUpDownCounter<long>(
        "channelbridge.webhook.in_flight", "{store}", "Stores whose webhook this node is delivering to now");

    /// <summary>Updates on a store's feed not yet delivered by its webhook (last seen by the delivery worker).</summary>
    public static readonly Gauge<long> FeedLag = Meter.CreateGauge<long>("channelbridge.webhook.lag", "{update}", "Feed updates waiting for webhook delivery, per store");
}
