using ChannelBridge.Api.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace ChannelBridge.Api.Controllers;

/// <summary>The Linnworks app-module manifest to paste into the developer portal.</summary>
[ApiController]
[Route("api/manifest")]
[Tags("Linnworks: Manifest")]
public sealed class ManifestController(ManifestBuilder builder) : ControllerBase
{
    [HttpGet]
    [ProducesResponseType<LinnworksManifest>(StatusCodes.Status200OK)]
    public async Task<ActionResult<LinnworksManifest>> Get(CancellationToken cancellationToken) =>
        Ok(await builder.BuildAsync(new Uri($"{Request.Scheme}://{Request.Host}{Request.PathBase}"), cancellationToken));
}
