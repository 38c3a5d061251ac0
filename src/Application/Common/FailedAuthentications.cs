using System.Threading.RateLimiting;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace ChannelBridge.Application.Common;

/// <summary>
/// Failed authentication attempts per client address — an unknown AuthorizationToken or bearer on a Linnworks
/// call, a wrong store or operator key on the Channel API, a wrong client secret at /oauth/token.
/// <para>
/// Only failing attempts are ever refused. Linnworks calls every seller from a few shared egress addresses and a
/// platform's servers sit behind one NAT address, so one stale integration polling with a forgotten token shares
/// its address with every healthy one. Past <see cref="RateLimitOptions.FailedAuthPerAddressPerMinute"/> failures in
/// a minute, a further failure from that address is answered "too many" (Linnworks: an Error that says retry;
/// Channel API and OAuth: 429 with Retry-After) instead of "invalid"; a request whose credentials are valid is
/// looked up and served as always. Our secrets are 256-bit random, so the limit is about noise and cost, not
/// about stopping a guess that cannot succeed.
/// </para>
/// <para>
/// A credential hash that was not found is remembered for a short while (bounded, <see
/// cref="RateLimitOptions.UnknownCredentialSeconds"/>). The memory is read only for an address already past its
/// limit: there, a repeat of a remembered unknown credential is answered "too many" without a database lookup,
/// the same answer a lookup would lead to. Secrets are minted at random, so one cannot become valid after it was
/// seen unknown except by restoring an older database; the memory then delays that credential by at most its
/// lifetime, with an answer that says retry. Per node, in memory.
/// </para>
/// </summary>
public sealed class FailedAuthentications : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;
    private readonly MemoryCache _unknown;
    private readonly TimeSpan _unknownLifetime;

    private readonly OncePerMinuteLogLines _lines;

    public FailedAuthentications(IOptions<RateLimitOptions> options, OncePerMinuteLogLines lines)
    {
        _lines = lines;
        var settings = options.Value;
        _limiter = PerMinuteLimit.PerKey(() => settings.FailedAuthPerAddressPerMinute);
        _unknownLifetime = TimeSpan.FromSeconds(settings.UnknownCredentialSeconds);
        _unknown = new MemoryCache(new MemoryCacheOptions { SizeLimit = settings.UnknownCredentialMemorySize });
    }

    /// <summary>
    /// Counts one failed attempt from <paramref name="address"/>. Returns how long to wait when the address is past its
    /// limit (answer "too many"), or null while it is within it (answer the credential's own failure).
    /// </summary>
    public TimeSpan? Fail(string? address) => address is null ? null : PerMinuteLimit.TryTake(_limiter, address);

    /// <summary>
    /// True when the credential with this hash was found unknown moments ago and <paramref name="address"/> is past its
    /// limit: the attempt fails without a lookup. Never true for an address within its limit.
    /// </summary>
    public bool IsKnownFailure(string? address, string credentialHash)
    {
        return address is not null && _unknown.TryGetValue(credentialHash, out _) && PerMinuteLimit.Spent(_limiter, address) is not null;
    }

    /// <summary>The lookup found no credential with this hash (not a deleted or disabled one: those can come back).</summary>
    public void RememberUnknown(string credentialHash)
    {
        if (_unknownLifetime > TimeSpan.Zero)
        {
            _unknown.Set(credentialHash, true, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = _unknownLifetime });
        }
    }

    /// <summary>
    /// Records a refusal of <paramref name="address"/> past its limit on <paramref name="api"/>: counted in
    /// <c>channelbridge.rate_limited</c>, and true for the one to log, the first in each minute, so a flood of wrong
    /// credentials cannot make the node write a log line for every request. Failures within the limit are few, and each
    /// is logged.
    /// </summary>
    public bool RefusedPastLimit(string api, string? address) => _lines.Refused(api, "failed_authentications", address);

    /// <summary>The words the logged refusal past the limit ends with, saying why no more follow this minute.</summary>
    public const string NotLoggedAgain = "past its limit of failed authentications " + OncePerMinuteLogLines.NotLoggedAgain;

    public static string Message(TimeSpan retryAfter) =>
        $"Too many failed authentication attempts from this address; retry in {Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))} s.";

    public void Dispose()
    {
        _limiter.Dispose();
        _unknown.Dispose();
    }
}
