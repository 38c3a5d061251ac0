using System.Text.Json;
using AutoMapper;
using ChannelBridge.Application.Common.Calls;
using ChannelBridge.Application.Common.Linnworks;

namespace ChannelBridge.Application.ListingTool.GetConfiguratorSettings;

/// <summary>GetConfiguratorSettings: channel-wide, so no AuthorizationToken.</summary>
public sealed record GetConfiguratorSettingsQuery : ILinnworksRequest<ConfiguratorSettingsResponse>;

internal sealed class GetConfiguratorSettingsQueryHandler(CallContext call, IListingCatalogRepository catalog, IMapper mapper)
    : LinnworksRequestHandler<GetConfiguratorSettingsQuery, ConfiguratorSettingsResponse>(call)
{
    public const string NotConfigured = "Listings are not configured on this channel yet.";

    protected override async Task<ConfiguratorSettingsResponse> HandleAsync(GetConfiguratorSettingsQuery request, CancellationToken cancellationToken)
    {
        var json = await catalog.GetDocumentAsync(ListingDocumentKind.Settings, string.Empty, cancellationToken);
        return json is null
            ? new ConfiguratorSettingsResponse { Error = NotConfigured }
            : mapper.Map<ConfiguratorSettingsResponse>(JsonSerializer.Deserialize<ConfiguratorSettingsDto>(json)!);
    }
}
