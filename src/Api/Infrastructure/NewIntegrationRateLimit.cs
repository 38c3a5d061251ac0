using System.Globalization;
using System.Threading.RateLimiting;
using ChannelBridge.Application.Common;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace ChannelBridge.Api.Infrastructure;

/// <summary>
/// New integrations per client address per minute (<see cref="RateLimitOptions.NewIntegrationsPerAddressPerMinute"/>), on
/// AddNewUser: it takes no credentials, and each call writes an integration's row, in the database's one write queue every
/// seller's despatches and stock updates wait in. Past the limit, the call is answered as Linnworks expects a failure
/// (HTTP 200, an Error that says retry) before its body is bound, and nothing is written. The address is
/// <see cref="ClientAddress"/>'s (an IPv6 host by its /64); a call without one has no limit here. The first refusal of
/// an address in a minute is logged, the rest counted (<see cref="RefusalLogLines"/>).
/// </summary>
public sealed class NewIntegrationRateLimit : IRateLimiterPolicy<string>
{
    public const string PolicyName = "new-integrations";

    public Func<OnRejectedContext, CancellationToken, ValueTask> OnRejected { get; } = RejectAsync;

    public RateLimitPartition<string> GetPartition(HttpContext httpContext)
    {
        if (ClientAddress.Of(httpContext) is not { } address)
        {
            return RateLimitPartition.GetNoLimiter(string.Empty);
        }

        var limit = httpContext.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value.NewIntegrationsPerAddressPerMinute;
        return PerMinuteLimit.Partition(address, limit);
    }

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var http = rejected.HttpContext;
        var address = ClientAddress.Of(http);
        ChannelBridgeTelemetry.RateLimited.Add(1, new KeyValuePair<string, object?>("api", "linnworks"), new KeyValuePair<string, object?>("reason", "new_integrations"));
        if (http.RequestServices.GetRequiredService<RefusalLogLines>().Logs("new_integrations", address))
        {
            http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger<NewIntegrationRateLimit>()
                .LogWarning("AddNewUser from {ClientAddress} refused: over the limit of new integrations an address may make a minute " + RefusalLogLines.NotLoggedAgain, address);
        }

        var wait = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)) : 60;
        await LinnworksFailureAnswers.WriteAsync(http, $"Too many new integrations from this address; retry in {wait.ToString(CultureInfo.InvariantCulture)} s.", cancellationToken);
    }
}
