using System.Reflection;
using System.Text.Json.Serialization;
using ChannelBridge.Application.Common.Linnworks;
using ChannelBridge.Application.OAuth;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.Extensions.Options;

namespace ChannelBridge.Api.Infrastructure;

/// <summary>
/// The Linnworks app-module manifest, built from the routes this service really serves: every action
/// marked <see cref="LinnworksManifestAttribute"/> becomes its <c>…Endpoint</c> parameter as a full URL.
/// </summary>
public sealed class ManifestBuilder(
    IActionDescriptorCollectionProvider actions, IOptions<ManifestOptions> options, IOptions<OAuthOptions> oauth, IServiceScopeFactory scopes)
{
    /// <summary>The 57×57 logo served from wwwroot when <c>Manifest:ChannelLogoUrl</c> is not set.</summary>
    public const string DefaultLogoPath = "channelbridge-logo-57.png";

    private static string Invariant(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public async Task<LinnworksManifest> BuildAsync(Uri requestBaseUrl, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var listingTool = await scope.ServiceProvider.GetRequiredService<Application.ListingTool.IListingCatalogRepository>()
            .GetDocumentAsync(Application.ListingTool.ListingDocumentKind.Settings, string.Empty, cancellationToken) is not null;
        var o = options.Value;
        var baseUrl = (o.PublicBaseUrl ?? requestBaseUrl).ToString().TrimEnd('/');
        var parameters = new List<ManifestParameter>
        {
            new("ChannelName", o.ChannelName),
            new("ChannelFriendlyName", o.ChannelFriendlyName),
        };
        parameters.Add(new("ChannelLogoURL", string.IsNullOrWhiteSpace(o.ChannelLogoUrl) ? $"{baseUrl}/{DefaultLogoPath}" : o.ChannelLogoUrl));

        parameters.AddRange(actions.ActionDescriptors.Items
            .OfType<ControllerActionDescriptor>()
            .Select(a => (Manifest: a.MethodInfo.GetCustomAttribute<LinnworksManifestAttribute>(), Route: a.AttributeRouteInfo?.Template))
            .Where(x => x.Manifest is not null && x.Route is not null && (listingTool || !x.Manifest.ListingTool))
            .OrderBy(x => x.Route, StringComparer.Ordinal)
            .SelectMany(x => x.Manifest!.Parameters.Select(p => new ManifestParameter(p, $"{baseUrl}/{x.Route!.TrimStart('/')}")))
            .Where(p => oauth.Value.Enabled || p.Name != "OAuthAuthorizationEndpoint"));

        if (oauth.Value.Enabled)
        {
            // Exactly the scopes the endpoints need (OAuthScopeAttribute), space-delimited.
            parameters.Add(new("OAuthScopesRequested", string.Join(' ', OAuthScopeAttribute.All)));
        }

        parameters.AddRange(Limits(listingTool));
        return new LinnworksManifest("ChannelIntegration", parameters);
    }

    private static IEnumerable<ManifestParameter> Limits(bool listingTool)
    {
        // Batch sizes are exactly what the endpoints accept (each benchmarked inside the deadline, docs/performance.md).
        yield return new("DespatchUpdateBatchSize", Invariant(LinnworksBatchLimits.Despatch));
        yield return new("InventoryUpdateBatchSize", Invariant(LinnworksBatchLimits.InventoryUpdate));
        yield return new("PriceUpdateBatchSize", Invariant(LinnworksBatchLimits.PriceUpdate));

        // Linnworks offers its listing tool only with IsListingSupported and all seven URLs: once settings are uploaded.
        yield return new("IsListingSupported", listingTool ? "True" : "False");
        if (listingTool)
        {
            yield return new("ListingUpdateBatchSize", Invariant(LinnworksBatchLimits.ListingUpdate));
        }
    }
}

/// <summary>The manifest in the portal's own shape: a module type and name/value string pairs.</summary>
public sealed record LinnworksManifest(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("parameters")] IReadOnlyList<ManifestParameter> Parameters);

public sealed record ManifestParameter(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("value")] string Value);
