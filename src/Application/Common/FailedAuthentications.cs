using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace ChannelBridge.Application.Common;

/// <summary>
/// Failed authentication attempts per client address — an unknown AuthorizationToken or bearer on a Linnworks
/// call, a wrong store or operator key on the Channel API, a wrong client secret at /oauth/token. Past
/// <see cref="RateLimitOptions.FailedAuthPerAddressPerMinute"/> in a minute, that address is refused (Linnworks:
/// an Error; Channel API and OAuth: 429 with Retry-After) until the window passes, whatever it sends; callers
/// from other addresses are unaffected. Per node, in memory (see the README's security section).
/// </summary>
public sealed class FailedAuthentications(IOptions<RateLimitOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PerMinuteLimit.PerKey(() => options.Value.FailedAuthPerAddressPerMinute);

    /// <summary>True when <paramref name="address"/> used up its failures for this window; <paramref name="retryAfter"/> says how long is left.</summary>
    public bool IsBlocked(string? address, out TimeSpan retryAfter)
    {
        retryAfter = TimeSpan.Zero;
        if (address is null)
        {
            return false;
        }

        using var lease = _limiter.AttemptAcquire(address, permitCount: 0);
        if (lease.IsAcquired)
        {
            return false;
        }

        retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
        return true;
    }

    public void Record(string? address)
    {
        if (address is not null)
        {
            _limiter.AttemptAcquire(address).Dispose();
        }
    }

    public static string Message(TimeSpan retryAfter) =>
        $"Too many failed authentication attempts from this address; retry in {Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))} s.";

    public void Dispose() => _limiter.Dispose();
}
