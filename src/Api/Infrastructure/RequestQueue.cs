using System.Threading.RateLimiting;
using ChannelBridge.Application.Common;
using ChannelBridge.Application.Common.Calls;
using ChannelBridge.Application.Common.Linnworks;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace ChannelBridge.Api.Infrastructure;

/// <summary>
/// How many requests the service works on at once, and the queue of the rest, in arrival order (ADR-013): ASP.NET
/// Core's concurrency limiter as the global limiter. Health checks never queue. A request's Linnworks deadline counts
/// from its arrival (<see cref="CallContext.Waited"/>), so a wait in the queue is not added to the time Linnworks waits.
/// </summary>
public static class RequestQueue
{
    public const string Unlimited = "health";
    public const string Interactive = "interactive";
    public const string Bulk = "bulk";

    /// <summary>
    /// Health checks never queue; the wizard and connection test (<see cref="InteractiveRequestsAttribute"/>) have their
    /// own turns, so a person at the Linnworks screen never waits behind other sellers' downloads; the rest share theirs.
    /// </summary>
    public static RateLimitPartition<string> Partition(HttpContext context)
    {
        if (context.Request.Path.StartsWithSegments("/health"))
        {
            return RateLimitPartition.GetNoLimiter(Unlimited);
        }

        var lane = context.GetEndpoint()?.Metadata.GetMetadata<InteractiveRequestsAttribute>() is null ? Bulk : Interactive;
        var services = context.RequestServices;
        return RateLimitPartition.GetConcurrencyLimiter(lane, _ =>
        {
            // Made once per lane, on its first request.
            var options = services.GetRequiredService<IOptions<ApiOptions>>().Value;
            return new ConcurrencyLimiterOptions
            {
                PermitLimit = options.MaxConcurrentRequests > 0 ? options.MaxConcurrentRequests : 4 * Environment.ProcessorCount,
                QueueLimit = options.RequestQueueLimit,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            };
        });
    }

    /// <summary>The queue is full: Linnworks gets HTTP 200 with Error (it retries); the Channel API 503 with Retry-After.</summary>
    public static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var http = rejected.HttpContext;
        var linnworks = LinnworksFailureAnswers.IsLinnworksEndpoint(http);
        ChannelBridgeTelemetry.RateLimited.Add(1, new KeyValuePair<string, object?>("api", linnworks ? "linnworks" : "channel"), new KeyValuePair<string, object?>("reason", "queue_full"));
        http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(RequestQueue))
            .LogWarning("Request to {Path} refused: {Limit} requests queued already", http.Request.Path.Value, http.RequestServices.GetRequiredService<IOptions<ApiOptions>>().Value.RequestQueueLimit);
        if (linnworks)
        {
            await LinnworksFailureAnswers.WriteAsync(http, LinnworksErrors.Overloaded, cancellationToken);
            return;
        }

        await ChannelRefusals.WriteAsync(
            http, StatusCodes.Status503ServiceUnavailable, TimeSpan.FromSeconds(1), "Service busy", "More requests are waiting than the service queues; retry shortly.");
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
