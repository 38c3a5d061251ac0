using MediatR;

namespace ChannelBridge.Application.Stores.AuthenticateChannelKey;

/// <summary>Who holds this bearer key, presented from <paramref name="ClientAddress"/>: the operator, a store, or nobody.</summary>
public sealed record AuthenticateChannelKeyQuery(string Key, string? ClientAddress = null) : IRequest<ChannelKeyCheck>;

/// <summary>
/// The caller the key belongs to, or null; when null and <see cref="RetryAfter"/> is set, the address is past its limit
/// of failed authentications and the answer is "too many" rather than "unauthorized".
/// </summary>
public sealed record ChannelKeyCheck(ChannelCaller? Caller, TimeSpan? RetryAfter = null)
{
    public static ChannelKeyCheck Refused(TimeSpan? retryAfter) => new(null, retryAfter);
}
