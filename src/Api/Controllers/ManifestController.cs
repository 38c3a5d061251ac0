using ChannelBridge.Api.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace ChannelBridge.Api.Controllers;

/// <summary>The Linnworks app-module manifest to paste into the developer portal.</summary>
[ApiController]
[Route("api/manifest")]
[Tags("Linnworks: Manifest")]
public sealed class ManifestController(ManifestBuilder builder) : ControllerBase
{
    private static readonly Lazy<byte[]> Logo = new(() =>
    {
        using var stream = typeof(ManifestController).Assembly.GetManifestResourceStream(ManifestBuilder.DefaultLogoPath)!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    });

    /// <summary>The default 57×57 channel logo the manifest points at (ChannelLogoURL) unless Manifest:ChannelLogoUrl is set.</summary>
    [HttpGet("/" + ManifestBuilder.DefaultLogoPath)]
    [ResponseCache(Duration = 86400)]
    [ProducesResponseType(StatusCodes.Status200OK)]
    public FileContentResult ChannelLogo() => File(Logo.Value, "image/png");

    /// <summary>
    /// The app-module manifest for Linnworks' developer portal: every endpoint URL this service serves, batch sizes, options.
    /// Never cached: without Manifest:PublicBaseUrl its URLs are the request's own Host, which anyone can set, and a cache
    /// in front would hand one caller's Host to the operator who pastes the manifest into the portal.
    /// </summary>
    [HttpGet]
    [ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
    [ProducesResponseType<LinnworksManifest>(StatusCodes.Status200OK)]
    public async Task<ActionResult<LinnworksManifest>> Get(CancellationToken cancellationToken) =>
        Ok(await builder.BuildAsync(new Uri($"{Request.Scheme}://{Request.Host}{Request.PathBase}"), cancellationToken));
}
