using System.Threading.RateLimiting;
using ChannelBridge.Application.Common;
using ChannelBridge.Domain.Common;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace ChannelBridge.Api.Infrastructure;

/// <summary>Per-key limit on the Channel API and the OAuth token endpoint; over it → 429 ProblemDetails with Retry-After.</summary>
public static class ChannelRateLimit
{
    public const string PolicyName = "channel";

    public static RateLimitPartition<string> Partition(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        var key = header.Length > 0 ? "key:" + SecretHash.Of(header).Hex : "ip:" + context.Connection.RemoteIpAddress;
        var limit = context.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value.ChannelPerKeyPerMinute;
        return PerMinuteLimit.Partition(key, limit);
    }

    public static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var http = rejected.HttpContext;
        var api = http.Request.Path.StartsWithSegments("/oauth") ? "oauth" : "channel";
        ChannelBridgeTelemetry.RateLimited.Add(1, new KeyValuePair<string, object?>("api", api), new KeyValuePair<string, object?>("reason", "per_key"));
        http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ChannelRateLimit))
            .LogWarning("{Api} call to {Path} throttled: its key is over the per-minute limit", api, http.Request.Path.Value);
        await ChannelRefusals.WriteAsync(
            http, StatusCodes.Status429TooManyRequests, rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : null,
            "Too many requests", "This key sent more requests than it may per minute; retry later.");
    }
}
