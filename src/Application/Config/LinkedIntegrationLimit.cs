using System.Globalization;
using ChannelBridge.Application.Common;
using ChannelBridge.Domain.Stores;
using ChannelBridge.Domain.UserConfigs;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChannelBridge.Application.Config;

/// <summary>
/// Whether one more integration may be linked to a store: not once it has <see cref="IntegrationsOptions.MaxLinkedPerStore"/>
/// linked and not deleted (ADR-039). AddNewUser takes no credentials and a store's owner holds its StoreKey, so its owner
/// could otherwise link integrations without end, each kept while it is linked. Soft by the links in flight.
/// </summary>
internal sealed partial class LinkedIntegrationLimit(
    IUserConfigRepository userConfigs, IOptions<IntegrationsOptions> options, OncePerMinuteLogLines logLines, ILogger<LinkedIntegrationLimit> logger)
{
    /// <summary>Why <paramref name="integrationId"/> may not be linked to <paramref name="storeId"/> now, or null when it may.</summary>
    public async Task<string?> RefusedAsync(string storeId, string integrationId, CancellationToken cancellationToken)
    {
        var limit = StoreLimit.LinkedIntegrations(options.Value.MaxLinkedPerStore);
        if (limit.Max <= 0 || limit.RoomFor(await userConfigs.CountLinkedAsync(storeId, integrationId, cancellationToken)) > 0)
        {
            return null;
        }

        if (logLines.Refused("linnworks", "store_integrations_limit", storeId))
        {
            LogRefused(storeId, limit.Max);
        }

        return string.Create(CultureInfo.InvariantCulture,
            $"This store has its limit of {limit.Max} Linnworks integrations linked ({limit.Setting}), so this one is not linked. Remove the channel from a Linnworks account that no longer uses it, or ask the service's operator to raise the limit.");
    }

    [LoggerMessage(LogLevel.Warning, "Store {StoreId} has its limit of {Limit} Linnworks integrations linked (Integrations:MaxLinkedPerStore): a link refused " + OncePerMinuteLogLines.NotLoggedAgain)]
    private partial void LogRefused(string storeId, long limit);
}
