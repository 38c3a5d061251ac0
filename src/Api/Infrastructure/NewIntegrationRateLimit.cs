using System.Globalization;
using ChannelBridge.Application.Common;

namespace ChannelBridge.Api.Infrastructure;

/// <summary>
/// New integrations per client address per minute (<see cref="RateLimitOptions.NewIntegrationsPerAddressPerMinute"/>), on
/// AddNewUser: it takes no credentials, and each call writes an integration's row, in the database's one write queue every
/// seller's despatches and stock updates wait in. Past the limit, the call is answered as Linnworks expects a failure
/// (HTTP 200, an Error that says retry) before its body is bound, and nothing is written. The address is
/// <see cref="ClientAddress"/>'s (an IPv6 host by its /64); a call without one has no limit here.
/// </summary>
public sealed class NewIntegrationRateLimit : PerMinuteRateLimitPolicy
{
    public const string PolicyName = "new-integrations";

    protected override string Reason => "new_integrations";

    protected override string? CallerOf(HttpContext context) => ClientAddress.Of(context);

    protected override int LimitOf(RateLimitOptions options) => options.NewIntegrationsPerAddressPerMinute;

    protected override string ApiOf(HttpContext context) => "linnworks";

    protected override void Log(ILogger logger, HttpContext context, string? caller) =>
        logger.LogWarning("AddNewUser from {ClientAddress} refused: over the limit of new integrations an address may make a minute " + RefusalLogLines.NotLoggedAgain, caller);

    protected override Task AnswerAsync(HttpContext context, TimeSpan? retryAfter, CancellationToken cancellationToken)
    {
        var wait = retryAfter is { } after ? Math.Max(1, (int)Math.Ceiling(after.TotalSeconds)) : 60;
        return LinnworksFailureAnswers.WriteAsync(context, $"Too many new integrations from this address; retry in {wait.ToString(CultureInfo.InvariantCulture)} s.", cancellationToken);
    }
}
