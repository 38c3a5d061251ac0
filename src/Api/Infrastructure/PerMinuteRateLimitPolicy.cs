using System.Threading.RateLimiting;
using ChannelBridge.Application.Common;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace ChannelBridge.Api.Infrastructure;

/// <summary>
/// An endpoint policy of ASP.NET Core's rate limiter over <see cref="PerMinuteLimit"/>: a fixed one-minute window per
/// caller, its refusals answered by the policy itself (<see cref="OnRejected"/>: the middleware calls it for this limit's
/// refusals only; the global limiter's, the request queue's, go to <see cref="RequestQueue.RejectAsync"/>). The first
/// refusal of a caller in a minute is logged, the rest counted (<see cref="OncePerMinuteLogLines"/>).
/// </summary>
public abstract class PerMinuteRateLimitPolicy : IRateLimiterPolicy<string>
{
    protected PerMinuteRateLimitPolicy() => OnRejected = RejectAsync;

    public Func<OnRejectedContext, CancellationToken, ValueTask> OnRejected { get; }

    public RateLimitPartition<string> GetPartition(HttpContext httpContext) =>
        CallerOf(httpContext) is { } caller
            ? PerMinuteLimit.Partition(caller, LimitOf(httpContext.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value))
            : RateLimitPartition.GetNoLimiter(string.Empty);

    /// <summary>Whom the request counts against, or null for a request this limit does not count.</summary>
    protected abstract string? CallerOf(HttpContext context);

    /// <summary>The caller's requests a minute.</summary>
    protected abstract int LimitOf(RateLimitOptions options);

    /// <summary>The refusal's reason in <c>channelbridge.rate_limited</c> and in the refusals logged once a minute.</summary>
    protected abstract string Reason { get; }

    /// <summary>Writes the refusal's log line (once a minute per caller).</summary>
    protected abstract void Log(ILogger logger, HttpContext context, string? caller);

    /// <summary>Answers the refused request, <paramref name="retryAfter"/> from now being when its window opens again.</summary>
    protected abstract Task AnswerAsync(HttpContext context, TimeSpan? retryAfter, CancellationToken cancellationToken);

    /// <summary>The API the refusal is counted for in <c>channelbridge.rate_limited</c>.</summary>
    protected abstract string ApiOf(HttpContext context);

    private async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var http = rejected.HttpContext;
        var caller = CallerOf(http);
        if (http.RequestServices.GetRequiredService<OncePerMinuteLogLines>().Refused(ApiOf(http), Reason, caller))
        {
            Log(http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(GetType()), http, caller);
        }

        await AnswerAsync(http, rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : null, cancellationToken);
    }
}
