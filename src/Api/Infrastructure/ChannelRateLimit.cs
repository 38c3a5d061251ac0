using System.Threading.RateLimiting;
using ChannelBridge.Application.Common;
using ChannelBridge.Domain.Common;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace ChannelBridge.Api.Infrastructure;

/// <summary>
/// Per-key limit on the Channel API and the OAuth token endpoint; over it → 429 ProblemDetails with Retry-After. A policy
/// of ASP.NET Core's rate limiter with its own <see cref="OnRejected"/>: the middleware calls it for this limit's
/// refusals only, and the global limiter's (the request queue's) go to <see cref="RequestQueue.RejectAsync"/>. The first
/// refusal of a key in a minute is logged, the rest counted (<see cref="RefusalLogLines"/>).
/// </summary>
public sealed class ChannelRateLimit : IRateLimiterPolicy<string>
{
    public const string PolicyName = "channel";

    public Func<OnRejectedContext, CancellationToken, ValueTask> OnRejected { get; } = RejectAsync;

    public RateLimitPartition<string> GetPartition(HttpContext httpContext)
    {
        var header = httpContext.Request.Headers.Authorization.ToString();
        var key = header.Length > 0 ? "key:" + SecretHash.Of(header).Hex : "ip:" + httpContext.Connection.RemoteIpAddress;
        var limit = httpContext.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value.ChannelPerKeyPerMinute;
        return PerMinuteLimit.Partition(key, limit);
    }

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var http = rejected.HttpContext;
        var api = http.Request.Path.StartsWithSegments("/oauth") ? "oauth" : "channel";
        ChannelBridgeTelemetry.RateLimited.Add(1, new KeyValuePair<string, object?>("api", api), new KeyValuePair<string, object?>("reason", "per_key"));
        if (http.RequestServices.GetRequiredService<RefusalLogLines>().Logs("per_key", ChannelCaller.Of(http)?.Id ?? http.Connection.RemoteIpAddress?.ToString()))
        {
            http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger<ChannelRateLimit>()
                .LogWarning("{Api} call to {Path} throttled: its key is over the per-minute limit " + RefusalLogLines.NotLoggedAgain, api, http.Request.Path.Value);
        }

        await ChannelRefusals.WriteAsync(
            http, StatusCodes.Status429TooManyRequests, rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : null,
            "Too many requests", "This key sent more requests than it may per minute; retry later.");
    }
}
