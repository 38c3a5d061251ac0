using ChannelBridge.Application.Common;
using ChannelBridge.Application.Common.Ports;
using ChannelBridge.Infrastructure.Persistence.Resilience;
using ChannelBridge.Domain.Orders;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChannelBridge.Infrastructure.Webhooks;

/// <summary>
/// Pushes each store's feed updates to its webhook, in order. A node leases stores in the database, up to
/// <see cref="WebhookOptions.MaxConcurrentDeliveries"/> at once, so with several nodes each update is delivered by one of them. A 2xx advances the store's
/// delivered cursor; anything else schedules a retry with exponential back-off kept in the database,
/// so retries outlive restarts and move between nodes (ADR-007). The pull feed is untouched. Receivers that hold their
/// slot too long are delivered in a few slots of their own, and each store's turn is bounded, so slow receivers delay only
/// each other (ADR-033).
/// </summary>
internal sealed partial class WebhookDeliveryService(
    IServiceScopeFactory scopes, IHttpClientFactory httpClients, IOptions<WebhookOptions> options, TimeProvider time, ITransientFailures failures,
    ChannelBridge.Application.Common.OncePerMinuteLogLines logLines, ILogger<WebhookDeliveryService> logger)
    : BackgroundService
{
    public const string HttpClientName = "webhooks";

    /// <summary>How often, at most, a delivery under way stores its cursor (see <see cref="DeliverAsync"/>).</summary>
    private static readonly TimeSpan CursorSaveInterval = TimeSpan.FromSeconds(1);

    private readonly string _owner = Environment.MachineName + ":" + Guid.NewGuid().ToString("N")[..8];
    private DateTimeOffset _disabledCounted = DateTimeOffset.MinValue;
    private DateTimeOffset _renewed = DateTimeOffset.MinValue;

    /// <summary>When the loop last went round (readiness: a worker that stopped turning is not ready). Null until it starts or when disabled.</summary>
    public DateTimeOffset? LastHeartbeat { get; private set; }

    public bool Enabled => options.Value.DeliveryEnabled;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.DeliveryEnabled)
        {
            return;
        }

        var deliveries = new List<Delivery>();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                LastHeartbeat = time.GetUtcNow();
                deliveries.RemoveAll(d => d.Task.IsCompleted);
                await RenewLeasesAsync(deliveries, stoppingToken);
                if (!await TryStartDeliveryAsync(deliveries, stoppingToken) && !await WaitAsync(deliveries, stoppingToken))
                {
                    break;
                }
            }
        }
        finally
        {
            // On shutdown each delivery saves its cursor and gives its store back; the host waits for that here.
            await Task.WhenAll(deliveries.Select(d => d.Task));
        }
    }

    /// <summary>How often the node renews the leases it holds: a third of <see cref="WebhookOptions.LeaseDuration"/>.</summary>
    private TimeSpan RenewEvery => options.Value.LeaseDuration / 3;

    /// <summary>
    /// The node's heartbeat: every lease of a delivery under way renewed in one statement, a third of a lease apart, so a
    /// request that hangs to its timeout keeps its store while the node lives, and a node that dies frees its stores within
    /// <see cref="WebhookOptions.LeaseDuration"/>. A failed renewal is logged; a delivery whose lease runs low starts no
    /// further request (<see cref="DeliverAsync"/>).
    /// </summary>
    private async Task RenewLeasesAsync(List<Delivery> deliveries, CancellationToken stoppingToken)
    {
        var now = time.GetUtcNow();
        if (deliveries.Count == 0 || now - _renewed < RenewEvery)
        {
            return;
        }

        _renewed = now;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<WebhookRepository>().RenewAsync([.. deliveries.Select(d => d.Lease)], options.Value.LeaseDuration, stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LoopFailed(ex);
        }
    }

    /// <summary>
    /// When a slot is free, leases the store due first among the receivers that may take it, and starts its delivery;
    /// false when nothing started. Counts the disabled webhooks once a minute, slots free or not.
    /// </summary>
    private async Task<bool> TryStartDeliveryAsync(List<Delivery> deliveries, CancellationToken stoppingToken)
    {
        try
        {
            var now = time.GetUtcNow();
            if (now - _disabledCounted > TimeSpan.FromMinutes(1))
            {
                _disabledCounted = now;
                await CountDisabledAsync(stoppingToken);
            }

            if (FreeLane(deliveries) is { } lane && (await ClaimAsync(lane, stoppingToken) ?? await BorrowAsync(lane, deliveries, stoppingToken)) is { } claim)
            {
                Start(deliveries, claim, stoppingToken);
                return true;
            }

            if (Preemptible(deliveries) is { } slowest && await ClaimAsync(WebhookRepository.DeliveryLane.Fast, stoppingToken) is { } due)
            {
                slowest.Slot.Preempt();
                Start(deliveries, due, stoppingToken);
                return true;
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LoopFailed(ex);
        }

        return false;
    }

    /// <summary>
    /// Which receivers a free slot may take: any while both kinds of slot are free, only those answering in time while the
    /// slow receivers' slots are taken, only slow ones while the rest are; null when none is free. A delivery whose
    /// receiver turned slow while it ran counts as a slow one from then (<see cref="Slot"/>), beyond the slow receivers'
    /// slots if need be, up to <see cref="WebhookOptions.DeliveriesCeiling"/> (the bodies in flight stay bounded however
    /// many stores start hanging at once).
    /// </summary>
    private WebhookRepository.DeliveryLane? FreeLane(List<Delivery> deliveries)
    {
        var settings = options.Value;
        if (settings.SlowReceiverSlots == 0 || deliveries.Count >= settings.DeliveriesCeiling)
        {
            return deliveries.Count < settings.MaxConcurrentDeliveries ? WebhookRepository.DeliveryLane.Any : null;
        }

        var slow = deliveries.Count(d => d.Slot.Slow);
        return (deliveries.Count - slow < settings.FastReceiverSlots, slow < settings.SlowReceiverSlots) switch
        {
            (true, true) => WebhookRepository.DeliveryLane.Any,
            (true, false) => WebhookRepository.DeliveryLane.Fast,
            (false, true) => WebhookRepository.DeliveryLane.Slow,
            _ => null,
        };
    }

    private void Start(List<Delivery> deliveries, Claim claim, CancellationToken stoppingToken)
    {
        var slot = new Slot(claim.Lease.Webhook.IsSlow(time.GetUtcNow().UtcDateTime), time, stoppingToken);
        deliveries.Add(new Delivery(DeliverClaimedAsync(claim, slot, stoppingToken), slot, claim.Lease));
    }

    /// <summary>
    /// At the node's ceiling with the slots for receivers answering in time not all taken (slow deliveries fill it: hung
    /// requests running on to their timeouts), the delivery slow the longest, to be cut short for a store answering in
    /// time; null when there is room, or none to cut.
    /// </summary>
    private Delivery? Preemptible(List<Delivery> deliveries)
    {
        var settings = options.Value;
        return settings.SlowReceiverSlots > 0 && deliveries.Count >= settings.DeliveriesCeiling
            && deliveries.Count(d => !d.Slot.Slow) < settings.FastReceiverSlots
            ? deliveries.Where(d => d.Slot.Slow && !d.Slot.Preempted).MinBy(d => d.Slot.SlowSince)
            : null;
    }

    /// <summary>
    /// A slow receiver's store for a slot no receiver answering in time is waiting for: while only those slots are free
    /// and none of those stores is due, slow ones may run beyond their own slots, up to <see cref="WebhookOptions.MaxConcurrentDeliveries"/>.
    /// Their slots count as slow ones, so a store answering in time that becomes due still finds its slots free (the node's
    /// ceiling leaves room for all of them).
    /// </summary>
    private async Task<Claim?> BorrowAsync(WebhookRepository.DeliveryLane lane, List<Delivery> deliveries, CancellationToken cancellationToken) =>
        lane == WebhookRepository.DeliveryLane.Fast && deliveries.Count(d => d.Slot.Slow) < options.Value.MaxConcurrentDeliveries
            ? await ClaimAsync(WebhookRepository.DeliveryLane.Slow, cancellationToken)
            : null;

    /// <summary>
    /// Until the poll interval has passed, or sooner when a delivery ends: its store may have more to deliver (a batch is
    /// at most <see cref="WebhookOptions.BatchSize"/> updates), and its slot is free. False on shutdown.
    /// </summary>
    private async Task<bool> WaitAsync(List<Delivery> deliveries, CancellationToken stoppingToken)
    {
        try
        {
            // No longer than the heartbeat's period while deliveries run, so their leases are renewed in time.
            var wait = deliveries.Count == 0 || options.Value.PollInterval < RenewEvery ? options.Value.PollInterval : RenewEvery;
            var poll = Task.Delay(wait, time, stoppingToken);
            await (deliveries.Count == 0 ? poll : Task.WhenAny(poll, Task.WhenAny(deliveries.Select(d => d.Task))));
            stoppingToken.ThrowIfCancellationRequested();
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private async Task CountDisabledAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        ChannelBridgeTelemetry.WebhooksDisabled.Record(await scope.ServiceProvider.GetRequiredService<WebhookRepository>().CountDisabledAsync(cancellationToken));
    }

    /// <summary>A store leased for delivery, with the scope its delivery runs in.</summary>
    private sealed record Claim(AsyncServiceScope Scope, WebhookRepository.Lease Lease);

    /// <summary>
    /// The slot a delivery holds: a slow receiver's when its store was slow at the claim, or from the moment one of its
    /// attempts passes <see cref="WebhookOptions.SlowReceiverThreshold"/> (so a receiver that starts hanging gives its
    /// slot for receivers that answer in time back at once, while its request runs on to its timeout).
    /// </summary>
    private sealed class Slot(bool slow, TimeProvider time, CancellationToken stoppingToken) : IDisposable
    {
        private readonly CancellationTokenSource _preempted = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        private volatile bool _slow = slow;

        public bool ClaimedSlow { get; } = slow;

        public bool Slow => _slow;

        /// <summary>When the slot became a slow one (a timestamp of the service's clock).</summary>
        public long SlowSince { get; private set; } = slow ? time.GetTimestamp() : long.MaxValue;

        public bool Preempted { get; private set; }

        /// <summary>Cancelled on shutdown, or when the delivery is cut short for a store answering in time.</summary>
        public CancellationToken Token => _preempted.Token;

        public void TurnSlow()
        {
            if (!_slow)
            {
                SlowSince = time.GetTimestamp();
                _slow = true;
            }
        }

        public void Preempt()
        {
            Preempted = true;
            try
            {
                _preempted.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The delivery ended meanwhile: nothing to cut short.
            }
        }

        public void Dispose() => _preempted.Dispose();
    }

    private sealed record Delivery(Task Task, Slot Slot, WebhookRepository.Lease Lease);

    /// <summary>Leases the store whose delivery is due first among the receivers of <paramref name="lane"/>, or null when none is.</summary>
    private async Task<Claim?> ClaimAsync(WebhookRepository.DeliveryLane lane, CancellationToken cancellationToken)
    {
        var scope = scopes.CreateAsyncScope();
        try
        {
            // Renewed by the node's heartbeat (RenewLeasesAsync) and each time the cursor is saved.
            var lease = await scope.ServiceProvider.GetRequiredService<WebhookRepository>().TryClaimAsync(_owner, options.Value.LeaseDuration, lane, cancellationToken);
            if (lease is not null)
            {
                return new Claim(scope, lease);
            }
        }
        catch
        {
            await scope.DisposeAsync();
            throw;
        }

        await scope.DisposeAsync();
        return null;
    }

    /// <summary>
    /// Delivers what is pending for one leased store, beside the deliveries to other stores
    /// (<see cref="WebhookOptions.MaxConcurrentDeliveries"/>): a receiver that is slow or hangs holds its own store's
    /// delivery, not everyone's.
    /// </summary>
    private async Task DeliverClaimedAsync(Claim claim, Slot slot, CancellationToken cancellationToken)
    {
        await using var scope = claim.Scope;
        var repository = scope.ServiceProvider.GetRequiredService<WebhookRepository>();
        var store = new KeyValuePair<string, object?>("store", claim.Lease.Webhook.StoreId);
        ChannelBridgeTelemetry.WebhookDeliveriesInFlight.Add(1, store);
        try
        {
            await DeliverAsync(repository, scope.ServiceProvider.GetRequiredService<IStoreUpdateFeed>(), claim.Lease, slot, slot.Token);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down: what was delivered is saved and the store given back below.
        }
        catch (OperationCanceledException) when (slot.Preempted)
        {
            CutShort(claim.Lease.Webhook, store);
        }
        catch (Exception ex)
        {
            // The service's own fault (the database, an update it cannot send): logged as such, and backed off like a
            // receiver's failure, so an update that fails this way every time is not tried again at once, forever.
            LoopFailed(ex);
            ChannelBridgeTelemetry.WebhookDeliveries.Add(1, store, new KeyValuePair<string, object?>("outcome", "error"));
            claim.Lease.Webhook.Failed("the service could not send this update (its log has the error)", time.GetUtcNow().UtcDateTime, Policy, outcome: "error");
        }
        finally
        {
            ChannelBridgeTelemetry.WebhookDeliveriesInFlight.Add(-1, store);
            slot.Dispose();
        }

        await GiveBackAsync(repository, claim.Lease);
    }

    /// <summary>A slow delivery cut short for a store answering in time: a failed attempt of a slow receiver, backed off.</summary>
    private void CutShort(Domain.Stores.Webhook webhook, KeyValuePair<string, object?> store)
    {
        var now = time.GetUtcNow().UtcDateTime;
        webhook.AnsweredSlowly(now, options.Value.SlowReceiverFor);
        ChannelBridgeTelemetry.WebhookDeliveries.Add(1, store, new KeyValuePair<string, object?>("outcome", "preempted"));
        webhook.Failed("preempted: the receiver held its slot too long while the node was full", now, Policy, outcome: "preempted");
        LogDeliveryFailed(webhook.StoreId, webhook.LastError!, webhook.Attempts, webhook.NextAttemptUtc);
    }

    /// <summary>
    /// Ends the store's turn: saves what was delivered and gives the store back at once, also on shutdown, so another node
    /// (or this one, when nobody waited longer) continues now.
    /// </summary>
    private async Task GiveBackAsync(WebhookRepository repository, WebhookRepository.Lease lease)
    {
        try
        {
            lease.Webhook.TurnEnded(time.GetUtcNow().UtcDateTime);
            try
            {
                await repository.SaveDeliveredAsync(lease, CancellationToken.None);
            }
            finally
            {
                await repository.ReleaseAsync(lease, CancellationToken.None);
            }
        }
        catch (Exception ex)
        {
            LoopFailed(ex); // the lease runs out by itself; what was not saved is sent again, under the same ids
        }
    }

    /// <summary>
    /// Each delivered update moves the cursor in memory; the database has it at least once a
    /// <see cref="CursorSaveInterval"/> (renewing the lease) and when the lease ends (<see cref="DeliverClaimedAsync"/>). A
    /// synced write for every update made a store's backlog as many commits as updates, each in the queue for the
    /// database's one writer beside the order batches. Delivery is at least once either way (ADR-007): a node that
    /// stops before saving sends the same updates again, under the same ids. The turn ends after
    /// <see cref="WebhookOptions.TurnLength"/>, and when the receiver turned slow in a slot for receivers answering in time.
    /// </summary>
    private async Task DeliverAsync(WebhookRepository repository, IStoreUpdateFeed feed, WebhookRepository.Lease lease, Slot slot, CancellationToken cancellationToken)
    {
        var (webhook, started, http) = (lease.Webhook, time.GetTimestamp(), httpClients.CreateClient(HttpClientName));
        var pending = await feed.ReadAsync(webhook.StoreId, webhook.DeliveredCursor, options.Value.BatchSize, cancellationToken);
        var remaining = pending.Count;
        var saved = time.GetUtcNow();
        foreach (var update in pending)
        {
            var turnOver = remaining < pending.Count && (time.GetElapsedTime(started) >= options.Value.TurnLength || slot.Slow != slot.ClaimedSlow);
            if (turnOver || time.GetUtcNow().UtcDateTime + RenewEvery > lease.UntilUtc)
            {
                break; // the turn is over (or the receiver now belongs in the slow lane), or the lease is running out unrenewed
            }

            var failure = await TimedSendAsync(http, webhook, update, slot, cancellationToken);
            var store = new KeyValuePair<string, object?>("store", webhook.StoreId);
            ChannelBridgeTelemetry.WebhookDeliveries.Add(1, store, new KeyValuePair<string, object?>("outcome", failure?.Outcome ?? "delivered"));
            if (failure is not null)
            {
                Fail(webhook, failure, update.Cursor);
                break;
            }

            ChannelBridgeTelemetry.FeedLag.Record(--remaining, store);
            var now = time.GetUtcNow();
            webhook.Delivered(update.Cursor, now.UtcDateTime);
            if (now - saved >= CursorSaveInterval)
            {
                saved = now;
                if (!await repository.SaveDeliveredAsync(lease, cancellationToken))
                {
                    break; // lease lost: stop, another node continues from the stored cursor
                }
            }
        }
    }

    /// <summary>
    /// <see cref="SendAsync"/>, timed: once it has held the slot for <see cref="WebhookOptions.SlowReceiverThreshold"/>
    /// the slot counts as a slow receiver's (freeing one for the others while the request runs on), and when it ends the
    /// receiver counts as slow for <see cref="WebhookOptions.SlowReceiverFor"/>.
    /// </summary>
    private async Task<DeliveryFailure?> TimedSendAsync(HttpClient http, Domain.Stores.Webhook webhook, Domain.Orders.StoreUpdate update, Slot slot, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var started = time.GetTimestamp();
        DeliveryFailure? failure;
        using (time.CreateTimer(static s => ((Slot)s!).TurnSlow(), slot, settings.SlowReceiverThreshold, Timeout.InfiniteTimeSpan))
        {
            failure = await SendAsync(http, webhook, update, cancellationToken);
        }

        var took = time.GetElapsedTime(started);
        if (took >= settings.SlowReceiverThreshold)
        {
            slot.TurnSlow();
            if (webhook.AnsweredSlowly(time.GetUtcNow().UtcDateTime, settings.SlowReceiverFor))
            {
                LogSlowReceiver(webhook.StoreId, took.TotalSeconds, webhook.SlowUntilUtc!.Value);
            }
        }

        return failure;
    }

    /// <summary>A failed attempt: 410 disables at once; anything else backs off (as long as Retry-After asks, bounded) and may disable after a long run.</summary>
    private void Fail(Domain.Stores.Webhook webhook, DeliveryFailure failure, long cursor)
    {
        var now = time.GetUtcNow().UtcDateTime;
        if (failure.Status == 410)
        {
            webhook.Gone(now, cursor);
        }
        else
        {
            webhook.Failed(failure.Error, now, Policy, failure.RetryAfter, cursor, failure.Outcome);
        }

        if (!webhook.IsEnabled)
        {
            LogDisabled(webhook.StoreId, webhook.DisabledReason!);
            return;
        }

        LogDeliveryFailed(webhook.StoreId, failure.Error, webhook.Attempts, webhook.NextAttemptUtc);
    }

    private Domain.Stores.DeliveryPolicy Policy => new(options.Value.MaxBackoff, options.Value.MaxRetryAfter, options.Value.DisableAfter);

    /// <summary>What went wrong, in words safe to store; the HTTP status and the Retry-After it sent, when it answered.</summary>
    private sealed record DeliveryFailure(string Error, int? Status = null, TimeSpan? RetryAfter = null)
    {
        public string Outcome => Status switch { 410 => "gone", 429 => "throttled", 503 => "unavailable", null => "unreachable", _ => "failed" };
    }

    /// <summary>The wait a 429 or 503 asked for (seconds or an HTTP date), or null.</summary>
    private TimeSpan? RetryAfter(HttpResponseMessage response) =>
        (int)response.StatusCode is not (429 or 503) || response.Headers.RetryAfter is not { } header ? null
            : header.Delta ?? (header.Date is { } date ? date - time.GetUtcNow() : null);

    /// <summary>POSTs one update, signed; null when the platform took it (2xx), else what went wrong.</summary>
    private async Task<DeliveryFailure?> SendAsync(HttpClient http, Domain.Stores.Webhook webhook, Domain.Orders.StoreUpdate update, CancellationToken cancellationToken)
    {
        using var request = SignedRequest(webhook, update);
        try
        {
            // Only the status is the receiver's answer. Its body is never read: HttpClient would otherwise buffer all of
            // it (up to 2 GB, outside the resilience pipeline's timeouts), and the far end chooses its size and pace.
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            var status = (int)response.StatusCode;
            return status switch
            {
                >= 200 and < 300 => null,
                >= 300 and < 400 => new DeliveryFailure($"redirect refused (HTTP {status}) for update {update.Cursor}", status),
                _ => new DeliveryFailure($"HTTP {status} for update {update.Cursor}", status, RetryAfter(response)),
            };
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or TimeoutException or Polly.Timeout.TimeoutRejectedException && !cancellationToken.IsCancellationRequested)
        {
            // TimeoutRejectedException: the pipeline's time ran out (a receiver that hangs through every try). It is a failed
            // attempt like the others, backed off and recorded, not a fault of the worker.
            // What a platform needs, never socket text or what the far end sent (no port scanner, no banner grabbing).
            return new DeliveryFailure($"{Describe(ex)} for update {update.Cursor}");
        }
    }

    /// <summary>The update's POST, signed the Standard Webhooks way (and the legacy way too for a webhook with a legacy secret).</summary>
    private HttpRequestMessage SignedRequest(Domain.Stores.Webhook webhook, Domain.Orders.StoreUpdate update)
    {
        var id = $"{update.StoreId}:{update.Cursor}";   // the update's: the same on every retry, so a receiver can de-duplicate
        var body = WebhookRequestBody.Write(update, out var unreadable);
        // Once a minute for each entry, shared with the feed's reads of it: a failing receiver is sent it again and again.
        if (unreadable && logLines.Logs(ChannelBridge.Application.Common.OncePerMinuteLogLines.UnreadableFeedPayload, id))
        {
            logger.LogError("The stored payload of update {Cursor} of store {StoreId} ({Type}) is not JSON; it is delivered without it", update.Cursor, update.StoreId, update.Type);
        }

        if (update.HasUnreadableReceivedUtc && logLines.Logs(ChannelBridge.Application.Common.OncePerMinuteLogLines.UnreadableFeedDate, id))
        {
            logger.LogError("The stored ReceivedUtc of update {Cursor} of store {StoreId} ({Type}) is not a date; it is delivered as 0001-01-01", update.Cursor, update.StoreId, update.Type);
        }

        var now = time.GetUtcNow();
        var timestamp = now.ToUnixTimeSeconds();
        var request = new HttpRequestMessage(HttpMethod.Post, webhook.Url) { Content = new ReadOnlyMemoryContent(body) { Headers = { ContentType = new("application/json") { CharSet = "utf-8" } } } };
        request.Headers.Add(WebhookSignature.IdHeader, id);
        request.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Sign(webhook.SigningSecrets(now.UtcDateTime), id, timestamp, body));
        request.Headers.Add(WebhookSignature.EventHeader, update.Type);
        if (WebhookSignature.IsLegacy(webhook.Secret))
        {
            request.Headers.Add(WebhookSignature.LegacyDeliveryIdHeader, id);
            request.Headers.Add(WebhookSignature.LegacyTimestampHeader, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
            request.Headers.Add(WebhookSignature.LegacySignatureHeader, WebhookSignature.SignLegacy(webhook.Secret, timestamp, body));
        }

        return request;
    }

    private static string Describe(Exception ex) => ex switch
    {
        _ when Find<WebhookDestinationRefusedException>(ex) => "destination not allowed",
        TaskCanceledException or TimeoutException => "timeout",
        _ when Find<TimeoutException>(ex) || Find<Polly.Timeout.TimeoutRejectedException>(ex) => "timeout",
        _ when Find<System.Security.Authentication.AuthenticationException>(ex) => "TLS handshake failed",
        _ => "connection failed",
    };

    private static bool Find<T>(Exception? ex)
        where T : Exception
    {
        for (; ex is not null; ex = ex.InnerException)
        {
            if (ex is T)
            {
                return true;
            }
        }

        return false;
    }

    [LoggerMessage(LogLevel.Warning, "Webhook delivery for store {StoreId} failed ({Failure}); attempt {Attempts}, next at {NextAttemptUtc:O}")]
    private partial void LogDeliveryFailed(string storeId, string failure, int attempts, DateTime nextAttemptUtc);

    [LoggerMessage(LogLevel.Warning, "Webhook delivery for store {StoreId} is disabled: {Reason}; the feed keeps every update until it is enabled again")]
    private partial void LogDisabled(string storeId, string reason);

    [LoggerMessage(LogLevel.Warning, "Webhook receiver of store {StoreId} held its delivery slot {Seconds:0.0} s; the store is delivered in the slots for slow receivers until {SlowUntilUtc:O}")]
    private partial void LogSlowReceiver(string storeId, double seconds, DateTime slowUntilUtc);

    /// <summary>The loop's own failure, logged; a storage fault is the monitor's to report (<see cref="BackgroundFailures"/>).</summary>
    private void LoopFailed(Exception exception)
    {
        if (!failures.IsReportedStorageFault(exception))
        {
            LogLoopFailed(exception);
        }
    }

    [LoggerMessage(LogLevel.Error, "Webhook delivery loop failed; retrying")]
    private partial void LogLoopFailed(Exception exception);
}
