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
    public ActionResult<LinnworksManifest> Get() =>
        Ok(builder.Build(new Uri($"{Request.Scheme}://{Request.Host}{Request.PathBase}")));
}
