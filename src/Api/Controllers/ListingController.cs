using ChannelBridge.Api.Infrastructure;
using ChannelBridge.Application.ListingTool;
using ChannelBridge.Application.ListingTool.CheckFeed;
using ChannelBridge.Application.ListingTool.GetCategories;
using ChannelBridge.Application.ListingTool.GetCategoryDetails;
using ChannelBridge.Application.ListingTool.GetConfiguratorSettings;
using ChannelBridge.Application.ListingTool.ListingUpdate;
using Microsoft.AspNetCore.Mvc;

namespace ChannelBridge.Api.Controllers;

/// <summary>
/// Linnworks' listing tool configurator settings, categories, attributes and variations as the
/// operator uploaded them; ListingUpdate/ListingDelete become jobs on the store's feed; CheckFeed reports the
/// platform's outcomes. In the manifest only once listing settings are uploaded. Always HTTP 200.
/// </summary>
[LinnworksApi]
[Produces("application/json")]
[Route("api/Listing")]
[Tags("Linnworks: Listings")]
public sealed class ListingController : ApiControllerBase
{
    /// <summary>What a listing on this channel needs (channel-wide: no AuthorizationToken).</summary>
    [HttpPost("GetConfiguratorSettings")]
    [LinnworksManifest("GetConfiguratorSettingsEndpoint", ListingTool = true)]
    [ProducesResponseType<ConfiguratorSettingsResponse>(StatusCodes.Status200OK)]
    public async Task<ActionResult<ConfiguratorSettingsResponse>> GetConfiguratorSettings(CancellationToken cancellationToken) =>
        Ok(await Mediator.Send(new GetConfiguratorSettingsQuery(), cancellationToken));

    /// <summary>The channel's categories in stable pages from PageNumber 1.</summary>
    [HttpPost("GetCategories")]
    [LinnworksManifest("GetCategoriesEndpoint", ListingTool = true)]
    [ProducesResponseType<GetCategoriesResponse>(StatusCodes.Status200OK)]
    public async Task<ActionResult<GetCategoriesResponse>> GetCategories(GetCategoriesQuery query, CancellationToken cancellationToken) =>
        Ok(await Mediator.Send(query, cancellationToken));

    /// <summary>The attributes of the given categories.</summary>
    [HttpPost("GetAttributesByCategory")]
    [LinnworksManifest("GetAttributesByCategoryEndpoint", ListingTool = true)]
    [ProducesResponseType<GetAttributesByCategoryResponse>(StatusCodes.Status200OK)]
    public async Task<ActionResult<GetAttributesByCategoryResponse>> GetAttributesByCategory(GetAttributesByCategoryQuery query, CancellationToken cancellationToken) =>
        Ok(await Mediator.Send(query, cancellationToken));

    /// <summary>The variation rules of the given categories.</summary>
    [HttpPost("GetVariationsByCategory")]
    [LinnworksManifest("GetVariationsByCategoryEndpoint", ListingTool = true)]
    [ProducesResponseType<GetVariationsByCategoryResponse>(StatusCodes.Status200OK)]
    public async Task<ActionResult<GetVariationsByCategoryResponse>> GetVariationsByCategory(GetVariationsByCategoryQuery query, CancellationToken cancellationToken) =>
        Ok(await Mediator.Send(query, cancellationToken));

    /// <summary>Creates or updates listings: one job each on the store's feed; answers the ChannelFeedId to check.</summary>
    [HttpPost("ListingUpdate")]
    [LinnworksManifest("ListingUpdateEndpoint", ListingTool = true)]
    [ProducesResponseType<ListingFeedResponse>(StatusCodes.Status200OK)]
    public async Task<ActionResult<ListingFeedResponse>> ListingUpdate(ListingUpdateCommand command, CancellationToken cancellationToken) =>
        Ok(await Mediator.Send(command, cancellationToken));

    /// <summary>Ends listings: one job each on the store's feed.</summary>
    [HttpPost("ListingDelete")]
    [LinnworksManifest("ListingDeleteEndpoint", ListingTool = true)]
    [ProducesResponseType<ListingFeedResponse>(StatusCodes.Status200OK)]
    public async Task<ActionResult<ListingFeedResponse>> ListingDelete(ListingDeleteCommand command, CancellationToken cancellationToken) =>
        Ok(await Mediator.Send(command, cancellationToken));

    /// <summary>Not ready until every job is reported; then each listing's outcome and references.</summary>
    [HttpPost("CheckFeed")]
    [LinnworksManifest("CheckFeedEndpoint", ListingTool = true)]
    [ProducesResponseType<CheckFeedResponse>(StatusCodes.Status200OK)]
    public async Task<ActionResult<CheckFeedResponse>> CheckFeed(CheckFeedQuery query, CancellationToken cancellationToken) =>
        Ok(await Mediator.Send(query, cancellationToken));
}
