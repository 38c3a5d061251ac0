using System.Threading.RateLimiting;
using ChannelBridge.Application.Common;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace ChannelBridge.Api.Infrastructure;

/// <summary>
/// Per-key limit on the Channel API and the OAuth token endpoint; over it → 429 ProblemDetails with Retry-After. A policy
/// of ASP.NET Core's rate limiter with its own <see cref="OnRejected"/>: the middleware calls it for this limit's
/// refusals only, and the global limiter's (the request queue's) go to <see cref="RequestQueue.RejectAsync"/>. The first
/// refusal of a key in a minute is logged, the rest counted (<see cref="RefusalLogLines"/>).
/// <para>
/// The Channel API's key is authenticated before this runs (<see cref="ChannelCaller"/>), so the limit is the caller's:
/// its store, or the operator, however its header is written ("bearer", spaces), which would otherwise each be a
/// limit of their own. A key that fails authentication has none here: it is refused as unknown, and counted against its
/// address (<see cref="FailedAuthentications"/>). Keyed by what the header said, every made-up key was a new limiter
/// held for its minute: 30 s of them at about 6,800 a second grew the node from 120 to 370 MB, and to 170 MB keyed so. The token endpoint reads its credentials
/// from the form, after this: it is limited per address.
/// </para>
/// </summary>
public sealed class ChannelRateLimit : IRateLimiterPolicy<string>
{
    public const string PolicyName = "channel";

    public Func<OnRejectedContext, CancellationToken, ValueTask> OnRejected { get; } = RejectAsync;

    public RateLimitPartition<string> GetPartition(HttpContext httpContext)
    {
        var key = ChannelCaller.Of(httpContext) is { } caller ? caller.Id : "ip:" + ClientAddress.Of(httpContext);
        if (key is null)
        {
            return RateLimitPartition.GetNoLimiter(string.Empty);
        }

        var limit = httpContext.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value.ChannelPerKeyPerMinute;
        return PerMinuteLimit.Partition(key, limit);
    }

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var http = rejected.HttpContext;
        var api = http.Request.Path.StartsWithSegments("/oauth") ? "oauth" : "channel";
        ChannelBridgeTelemetry.RateLimited.Add(1, new KeyValuePair<string, object?>("api", api), new KeyValuePair<string, object?>("reason", "per_key"));
        if (http.RequestServices.GetRequiredService<RefusalLogLines>().Logs("per_key", ChannelCaller.Of(http)?.Id ?? ClientAddress.Of(http)))
        {
            http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger<ChannelRateLimit>()
                .LogWarning("{Api} call to {Path} throttled: its key is over the per-minute limit " + RefusalLogLines.NotLoggedAgain, api, http.Request.Path.Value);
        }

        await ChannelRefusals.WriteAsync(
            http, StatusCodes.Status429TooManyRequests, rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : null,
            "Too many requests", "This key sent more requests than it may per minute; retry later.");
    }
}
