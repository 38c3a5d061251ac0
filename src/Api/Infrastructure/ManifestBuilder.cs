using System.Reflection;
using System.Text.Json.Serialization;
using ChannelBridge.Application.OAuth;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.Extensions.Options;

namespace ChannelBridge.Api.Infrastructure;

/// <summary>
/// The Linnworks app-module manifest, built from the routes this service really serves: every action
/// marked <see cref="LinnworksManifestAttribute"/> becomes its <c>…Endpoint</c> parameter as a full URL.
/// </summary>
public sealed class ManifestBuilder(IActionDescriptorCollectionProvider actions, IOptions<ManifestOptions> options, IOptions<OAuthOptions> oauth)
{
    public LinnworksManifest Build(Uri requestBaseUrl)
    {
        var o = options.Value;
        var baseUrl = (o.PublicBaseUrl ?? requestBaseUrl).ToString().TrimEnd('/');
        var parameters = new List<ManifestParameter>
        {
            new("ChannelName", o.ChannelName),
            new("ChannelFriendlyName", o.ChannelFriendlyName),
        };
        if (!string.IsNullOrWhiteSpace(o.ChannelLogoUrl))
        {
            parameters.Add(new("ChannelLogoURL", o.ChannelLogoUrl));
        }

        parameters.AddRange(actions.ActionDescriptors.Items
            .OfType<ControllerActionDescriptor>()
            .Select(a => (Manifest: a.MethodInfo.GetCustomAttribute<LinnworksManifestAttribute>(), Route: a.AttributeRouteInfo?.Template))
            .Where(x => x.Manifest is not null && x.Route is not null && (oauth.Value.Enabled || x.Manifest.Parameter != "OAuthAuthorizationEndpoint"))
            .OrderBy(x => x.Route, StringComparer.Ordinal)
            .Select(x => new ManifestParameter(x.Manifest!.Parameter, $"{baseUrl}/{x.Route!.TrimStart('/')}")));

        if (oauth.Value.Enabled)
        {
            parameters.Add(new("OAuthScopesRequested", oauth.Value.Scopes));
        }

        return new LinnworksManifest("ChannelIntegration", parameters);
    }
}

/// <summary>The manifest in the portal's own shape: a module type and name/value string pairs.</summary>
public sealed record LinnworksManifest(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("parameters")] IReadOnlyList<ManifestParameter> Parameters);

public sealed record ManifestParameter(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("value")] string Value);
