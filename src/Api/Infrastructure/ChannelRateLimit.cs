using ChannelBridge.Application.Common;

namespace ChannelBridge.Api.Infrastructure;

/// <summary>
/// Per-key limit on the Channel API; over it → 429 ProblemDetails with Retry-After.
/// <para>
/// The Channel API's key is authenticated before this runs (<see cref="ChannelCaller"/>), so the limit is the caller's:
/// its store, or the operator, however its header is written ("bearer", spaces), which would otherwise each be a
/// limit of their own. A key that fails authentication has none here: it is refused as unknown, and counted against its
/// address (<see cref="FailedAuthentications"/>). Keyed by what the header said, every made-up key was a new limiter
/// held for its minute: 30 s of them at about 7,000 a second grew the node from 120 to 370-400 MB, and to 170 MB keyed so.
/// The OAuth token endpoint has its own limit per client, taken once its credentials are checked (AccessTokenIssueLimit).
/// </para>
/// </summary>
public sealed class ChannelRateLimit : PerMinuteRateLimitPolicy
{
    public const string PolicyName = "channel";

    protected override string Reason => "per_key";

    protected override string? CallerOf(HttpContext context) => ChannelCaller.Of(context)?.Id;

    protected override int LimitOf(RateLimitOptions options) => options.ChannelPerKeyPerMinute;

    protected override string ApiOf(HttpContext context) => "channel";

    protected override void Log(ILogger logger, HttpContext context, string? caller) =>
        logger.LogWarning("Channel API call to {Path} throttled: its key is over the per-minute limit " + OncePerMinuteLogLines.NotLoggedAgain, context.Request.Path);

    protected override Task AnswerAsync(HttpContext context, TimeSpan? retryAfter, CancellationToken cancellationToken) =>
        ChannelRefusals.WriteAsync(
            context, StatusCodes.Status429TooManyRequests, retryAfter, "Too many requests", "This key sent more requests than it may per minute; retry later.");
}
