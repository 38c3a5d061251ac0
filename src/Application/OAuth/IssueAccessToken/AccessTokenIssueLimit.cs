using System.Threading.RateLimiting;
using ChannelBridge.Application.Common;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChannelBridge.Application.OAuth.IssueAccessToken;

/// <summary>
/// Access tokens issued per OAuth client (a store) per minute, <see cref="RateLimitOptions.TokensPerClientPerMinute"/>,
/// taken once its credentials are checked: a client is limited on its own, never by the address it calls from. Linnworks
/// asks for every seller's tokens from a few shared addresses, so a limit per address let one seller's requests refuse
/// every other seller's. Only stores that authenticated get a window here, so made-up client ids hold no memory. A refusal
/// is counted in <c>channelbridge.rate_limited</c> and logged once a minute per store. Per node, in memory.
/// </summary>
public sealed partial class AccessTokenIssueLimit(IOptions<RateLimitOptions> options, OncePerMinuteLogLines lines, ILogger<AccessTokenIssueLimit> logger) : IDisposable
{
    private const string Reason = "tokens_per_client";

    private readonly PartitionedRateLimiter<string> _limiter = PerMinuteLimit.PerKey(() => options.Value.TokensPerClientPerMinute);

    /// <summary>Takes one of the store's tokens this minute: null when taken, else how long until its window opens again.</summary>
    public TimeSpan? TryTake(string storeId)
    {
        if (PerMinuteLimit.TryTake(_limiter, storeId) is not { } wait)
        {
            return null;
        }

        if (lines.Refused("oauth", Reason, storeId))
        {
            LogRefused(storeId, options.Value.TokensPerClientPerMinute);
        }

        return wait;
    }

    [LoggerMessage(LogLevel.Warning, "Token request of store {StoreId} refused: over {Limit} tokens a minute " + OncePerMinuteLogLines.NotLoggedAgain)]
    private partial void LogRefused(string storeId, int limit);

    public void Dispose() => _limiter.Dispose();
}
