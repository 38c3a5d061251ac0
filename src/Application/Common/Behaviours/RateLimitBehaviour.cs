using System.Globalization;
using System.Threading.RateLimiting;
using ChannelBridge.Application.Common.Calls;
using ChannelBridge.Application.Common.Linnworks;
using MediatR;
using Microsoft.Extensions.Options;

namespace ChannelBridge.Application.Common.Behaviours;

/// <summary>
/// Per-integration limit on Linnworks calls, answered in-band (HTTP 200 + Error) when exceeded; the first refusal of an
/// integration in a minute is logged, the rest counted (<see cref="OncePerMinuteLogLines"/>).
/// </summary>
internal sealed partial class RateLimitBehaviour<TRequest, TResponse>(
    CallContext call, LinnworksRateLimiter limiter, OncePerMinuteLogLines lines, Microsoft.Extensions.Logging.ILogger<RateLimitBehaviour<TRequest, TResponse>> logger)
    : IPipelineBehavior<TRequest, TResponse>
    where TRequest : ILinnworksRequest<TResponse>, IRequireAuthToken
    where TResponse : LinnworksResponse, new()
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        using var lease = limiter.Acquire(call.UserConfig.Id);
        if (!lease.IsAcquired)
        {
            var wait = lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? Math.Ceiling(retryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture) : "a few";
            call.Refusal = "rate_limited";
            if (lines.Refused("linnworks", "per_integration", call.UserConfig.Id))
            {
                LogThrottled(typeof(TRequest).Name, call.UserConfig.Id);
            }

            return LinnworksAnswers.Failure<TResponse>(request, $"Too many requests for this integration; retry in {wait} s.", transient: true);
        }

        return await next();
    }

    [Microsoft.Extensions.Logging.LoggerMessage(Microsoft.Extensions.Logging.LogLevel.Warning, "{Request} throttled: integration {IntegrationId} is over its per-minute limit " + OncePerMinuteLogLines.NotLoggedAgain)]
    private partial void LogThrottled(string request, string integrationId);
}

/// <summary>One fixed-window limiter per integration (singleton, in memory).</summary>
internal sealed class LinnworksRateLimiter(IOptions<RateLimitOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PerMinuteLimit.PerKey(() => options.Value.LinnworksPerIntegrationPerMinute);

    public RateLimitLease Acquire(string integrationId) => _limiter.AttemptAcquire(integrationId);

    public void Dispose() => _limiter.Dispose();
}
