using System.Threading.RateLimiting;
using ChannelBridge.Application.Common;
using ChannelBridge.Application.Common.Calls;
using ChannelBridge.Application.Common.Linnworks;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace ChannelBridge.Api.Infrastructure;

/// <summary>
/// How many requests the service works on at once, and the queue of the rest, in arrival order (ADR-013): ASP.NET
/// Core's concurrency limiters as the global limiter. Health checks never queue. A request's Linnworks deadline counts
/// from its arrival (<see cref="CallContext.Waited"/>), so a wait in the queue is not added to the time Linnworks waits.
/// The Channel API has a share of the turns, and each of its keys a share of that (ADR-024); each Linnworks integration
/// has a share of its lane's (ADR-025).
/// </summary>
public static class RequestQueue
{
    public const string Unlimited = "unlimited";
    public const string Interactive = "interactive";
    public const string Bulk = "bulk";
    public const string Channel = "channel";

    /// <summary>The reason a caller's share refuses with, so <see cref="RejectAsync"/> can tell it from a full lane.</summary>
    private const string KeyShareFull = "The key's queue is full";

    /// <summary>
    /// The global limiter: the caller's share (<see cref="KeyShare"/>), the Channel API's turns (<see cref="ChannelShare"/>),
    /// then the lane's (<see cref="Partition"/>). A caller's request waits in its caller's queue until the caller has fewer
    /// requests past it than its share, so another caller's request waits behind at most that many of one caller's; and
    /// no more Channel API requests than the Channel API's turns wait in the lane Linnworks' calls queue in, so a
    /// platform's uploads are never a queue in front of Linnworks.
    /// </summary>
    public static PartitionedRateLimiter<HttpContext> Create() =>
        PartitionedRateLimiter.CreateChained(
            PartitionedRateLimiter.Create<HttpContext, string>(KeyShare),
            PartitionedRateLimiter.Create<HttpContext, string>(ChannelShare),
            PartitionedRateLimiter.Create<HttpContext, string>(Partition));

    /// <summary>
    /// Health checks never queue; the wizard and connection test (<see cref="InteractiveRequestsAttribute"/>) have their
    /// own turns, so a person at the Linnworks screen never waits behind other sellers' downloads; the rest share theirs.
    /// A Channel API call that failed authentication takes no turn: it is refused, and nothing else is done for it.
    /// </summary>
    public static RateLimitPartition<string> Partition(HttpContext context)
    {
        if (context.Request.Path.StartsWithSegments("/health") || ChannelCaller.Of(context) is { IsKnown: false })
        {
            return RateLimitPartition.GetNoLimiter(Unlimited);
        }

        return RateLimitPartition.GetConcurrencyLimiter(LaneOf(context), _ => InArrivalOrder(context, o => (LaneTurns(o), o.RequestQueueLimit)));
    }

    private static string LaneOf(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<InteractiveRequestsAttribute>() is null ? Bulk : Interactive;

    /// <summary>
    /// The Channel API's authenticated calls: at most <see cref="ChannelTurns"/> past this point (working, or waiting in
    /// the lane they share with Linnworks), the rest waiting here in arrival order. Every other request passes.
    /// </summary>
    public static RateLimitPartition<string> ChannelShare(HttpContext context)
    {
        if (ChannelCaller.Of(context) is not { IsKnown: true })
        {
            return RateLimitPartition.GetNoLimiter(string.Empty);
        }

        return RateLimitPartition.GetConcurrencyLimiter(Channel, _ => InArrivalOrder(context, o => (ChannelTurns(o), o.RequestQueueLimit)));
    }

    /// <summary>
    /// A caller's share, each caller's others waiting in its own queue of a quarter of <see cref="ApiOptions.RequestQueueLimit"/>:
    /// a Channel API key (<see cref="ChannelCaller"/>) may have as many requests past it as the Channel API has turns (so
    /// a platform alone can use them all); a store's Linnworks integrations together (<see cref="LinnworksCaller.ShareKey"/>;
    /// an integration not linked to a store has its own; the calls whose token was not read before the turn share one, and
    /// so do those whose token names nobody) half its lane's turns, for their downloads and updates (ADR-025, ADR-043). Their wizard and
    /// connection test have no share to wait for: they have their own lane, and a person is waiting on them. Nor has any
    /// other request.
    /// </summary>
    public static RateLimitPartition<string> KeyShare(HttpContext context)
    {
        if (ChannelCaller.Of(context)?.Id is { } key)
        {
            return RateLimitPartition.Get(key, _ => new KeyShareLimiter(InArrivalOrder(context, o => (ChannelTurns(o), KeyQueueLimit(o)))));
        }

        if (LinnworksCaller.Of(context)?.ShareKey is { } share && LaneOf(context) == Bulk)
        {
            return RateLimitPartition.Get(share, _ => new KeyShareLimiter(InArrivalOrder(context, o => (IntegrationTurns(o), KeyQueueLimit(o)))));
        }

        return RateLimitPartition.GetNoLimiter(string.Empty);
    }

    /// <summary>
    /// A concurrency limiter's settings from <see cref="ApiOptions"/>: its turns and queue, served in arrival order. A
    /// partition's limiter is made once, on its first request (and again after it has been idle for a while).
    /// </summary>
    private static ConcurrencyLimiterOptions InArrivalOrder(HttpContext context, Func<ApiOptions, (int Turns, int Queue)> limits)
    {
        var (turns, queue) = limits(context.RequestServices.GetRequiredService<IOptions<ApiOptions>>().Value);
        return new ConcurrencyLimiterOptions { PermitLimit = turns, QueueLimit = queue, QueueProcessingOrder = QueueProcessingOrder.OldestFirst };
    }

    /// <summary>Marks the call's turn beginning (<see cref="CallContext.BeforeTurn"/>): the middleware right after the limiter.</summary>
    public static Task MarkTurn(HttpContext context, RequestDelegate next)
    {
        // The store the call acts for, known before the turn: its writes wait for SQLite's writer among that store's (ADR-042).
        context.RequestServices.GetRequiredService<CallContext>().MarkTurn(LinnworksCaller.Of(context)?.StoreId ?? ChannelCaller.Of(context)?.StoreId);
        return next(context);
    }

    /// <summary>A lane's turns: <see cref="ApiOptions.MaxConcurrentRequests"/>, else four per processor.</summary>
    public static int LaneTurns(ApiOptions options) =>
        options.MaxConcurrentRequests > 0 ? options.MaxConcurrentRequests : 4 * Environment.ProcessorCount;

    /// <summary>
    /// The Channel API's turns: <see cref="ApiOptions.MaxConcurrentChannelRequests"/>, else one per processor and at least
    /// two, but fewer than the lane's so Linnworks always has one (the start-up check refuses a setting that is not).
    /// </summary>
    public static int ChannelTurns(ApiOptions options) =>
        options.MaxConcurrentChannelRequests > 0 ? options.MaxConcurrentChannelRequests : Math.Min(Math.Max(2, Environment.ProcessorCount), Math.Max(1, LaneTurns(options) - 1));

    /// <summary>A Linnworks integration's turns in the bulk lane: half the lane's, at least one.</summary>
    public static int IntegrationTurns(ApiOptions options) => Math.Max(1, LaneTurns(options) / 2);

    /// <summary>How many of one caller's requests (a Channel API key's, a Linnworks integration's) may wait in its own queue: a quarter of the lane's.</summary>
    public static int KeyQueueLimit(ApiOptions options) => options.RequestQueueLimit / 4;

    /// <summary>Whether <see cref="ApiOptions.MaxConcurrentChannelRequests"/> leaves Linnworks a turn the Channel API cannot take (a lane of one turn has none to leave).</summary>
    public static bool LeavesLinnworksATurn(ApiOptions options) =>
        options.MaxConcurrentChannelRequests == 0 || options.MaxConcurrentChannelRequests < LaneTurns(options) || LaneTurns(options) == 1;

    /// <summary>
    /// A lane's queue is full: Linnworks gets HTTP 200 with Error (it retries), also when its store's integrations' own queue is
    /// full; the Channel API 503 with Retry-After, or 429 when it is the key's own queue that is full.
    /// </summary>
    public static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var http = rejected.HttpContext;
        var linnworks = LinnworksFailureAnswers.IsLinnworksEndpoint(http);
        var byKey = rejected.Lease.TryGetMetadata(MetadataName.ReasonPhrase, out var phrase) && phrase == KeyShareFull;
        var reason = !byKey ? "queue_full" : linnworks ? "queued_by_integration" : "queued_by_key";
        var caller = byKey ? ChannelCaller.Of(http)?.Id ?? LinnworksCaller.Of(http)?.ShareKey : ClientAddress.Of(http);
        if (http.RequestServices.GetRequiredService<OncePerMinuteLogLines>().Refused(linnworks ? "linnworks" : "channel", reason, caller))
        {
            var options = http.RequestServices.GetRequiredService<IOptions<ApiOptions>>().Value;
            http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(RequestQueue)).LogWarning(
                "Request to {Path} refused: {Limit} requests queued already{ByCaller} " + OncePerMinuteLogLines.NotLoggedAgain,
                http.Request.Path, byKey ? KeyQueueLimit(options) : options.RequestQueueLimit, !byKey ? "" : linnworks ? " for its store's integrations" : " for its key");
        }

        if (linnworks)
        {
            // The lane full, a live integration's call (known from its body, so its body is held): every item answered from
            // that body (reading it costs about half a millisecond for a thousand SKUs). A caller past its own share, or one whose token names no integration, is
            // answered without that read: the flood is its own, and it must stay cheap to refuse.
            await (!byKey && LinnworksCaller.Of(http)?.StoreId is not null
                ? LinnworksFailureAnswers.WriteEveryItemAsync(http, LinnworksErrors.Overloaded, cancellationToken)
                : LinnworksFailureAnswers.WriteAsync(http, LinnworksErrors.Overloaded, cancellationToken));
            return;
        }

        await (byKey
            ? ChannelRefusals.WriteAsync(http, StatusCodes.Status429TooManyRequests, TimeSpan.FromSeconds(1), "Too many requests", "This key has as many requests waiting as it may; retry when some are answered.")
            : ChannelRefusals.WriteAsync(http, StatusCodes.Status503ServiceUnavailable, TimeSpan.FromSeconds(1), "Service busy", "More requests are waiting than the service queues; retry shortly."));
    }

    /// <summary>A caller's share: a concurrency limiter whose refusal says it is the caller's, not the lane's.</summary>
    private sealed class KeyShareLimiter(ConcurrencyLimiterOptions options) : RateLimiter
    {
        private readonly ConcurrencyLimiter _inner = new(options);

        public override TimeSpan? IdleDuration => _inner.IdleDuration;

        public override RateLimiterStatistics? GetStatistics() => _inner.GetStatistics();

        protected override RateLimitLease AttemptAcquireCore(int permitCount) => Refused(_inner.AttemptAcquire(permitCount));

        protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) =>
            Refused(await _inner.AcquireAsync(permitCount, cancellationToken));

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _inner.Dispose();
            }
        }

        protected override ValueTask DisposeAsyncCore() => _inner.DisposeAsync();

        private static RateLimitLease Refused(RateLimitLease lease)
        {
            if (lease.IsAcquired)
            {
                return lease;
            }

            lease.Dispose();
            return new KeyShareRefusal();
        }
    }

    private sealed class KeyShareRefusal : RateLimitLease
    {
        public override bool IsAcquired => false;

        public override IEnumerable<string> MetadataNames => [MetadataName.ReasonPhrase.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = metadataName == MetadataName.ReasonPhrase.Name ? KeyShareFull : null;
            return metadata is not null;
        }
    }
}

/// <summary>
/// Requests a person is waiting on at the Linnworks screen (the wizard, the connection test): small, and queued in their
/// own lane of <see cref="RequestQueue"/>, not behind bulk downloads and updates.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class InteractiveRequestsAttribute : Attribute;

/// <summary>Marks each request's arrival, first in the pipeline, before it can wait for a turn (<see cref="RequestQueue"/>).</summary>
public sealed class RequestArrivalMiddleware(RequestDelegate next, TimeProvider clock)
{
    public Task InvokeAsync(HttpContext context)
    {
        context.RequestServices.GetRequiredService<CallContext>().MarkArrival(clock);
        return next(context);
    }
}
