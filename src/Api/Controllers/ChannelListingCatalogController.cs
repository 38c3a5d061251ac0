using System.Text.Json;
using ChannelBridge.Api.Infrastructure;
using ChannelBridge.Application.ListingTool;
using ChannelBridge.Application.ListingTool.GetListingCatalog;
using ChannelBridge.Application.ListingTool.ReplaceCategoryDocument;
using ChannelBridge.Application.ListingTool.ReplaceListingCategories;
using ChannelBridge.Application.ListingTool.ReplaceListingSettings;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace ChannelBridge.Api.Controllers;

/// <summary>
/// Channel API (operator key): what Linnworks' listing tool shows sellers, channel-wide. Each PUT replaces its
/// document whole, so Linnworks never reads half of an update. Enums are accepted as names or numbers.
/// </summary>
[Route("api/channel/v1/listing")]
[EnableRateLimiting(ChannelRateLimit.PolicyName)]
[Tags("Channel API: Listing tool")]
[Authorize(AuthenticationSchemes = ChannelKeyAuthenticationHandler.SchemeName, Policy = ChannelKeyAuthenticationHandler.OperatorPolicy)]
[ProducesResponseType<ProblemDetails>(StatusCodes.Status401Unauthorized)]
[ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden)]
public sealed class ChannelListingCatalogController : ChannelControllerBase
{
    /// <summary>Replaces the configurator settings (the GetConfiguratorSettings answer without Error).</summary>
    [HttpPut("settings")]
    [ProducesResponseType<ConfiguratorSettingsDto>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    public async Task<IActionResult> ReplaceSettings(ConfiguratorSettingsDto settings, CancellationToken cancellationToken) =>
        ToActionResult(await Mediator.Send(new ReplaceListingSettingsCommand(settings), cancellationToken));

    /// <summary>The configurator settings as uploaded.</summary>
    [HttpGet("settings")]
    [ProducesResponseType<ConfiguratorSettingsDto>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public async Task<IActionResult> GetSettings(CancellationToken cancellationToken) =>
        ToActionResult(await Mediator.Send(new GetListingDocumentQuery(ListingDocumentKind.Settings, null), cancellationToken), Raw);

    /// <summary>Replaces every category (up to 100,000); download runs already under way finish on the previous list.</summary>
    [HttpPut("categories")]
    [ProducesResponseType<CategoriesReplaced>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    public async Task<IActionResult> ReplaceCategories(CategoriesBody body, CancellationToken cancellationToken) =>
        ToActionResult(await Mediator.Send(new ReplaceListingCategoriesCommand(body.Categories), cancellationToken));

    /// <summary>The current categories.</summary>
    [HttpGet("categories")]
    [ProducesResponseType<ListingCategoriesDto>(StatusCodes.Status200OK)]
    public async Task<IActionResult> GetCategories(CancellationToken cancellationToken) =>
        ToActionResult(await Mediator.Send(new GetListingCategoriesQuery(), cancellationToken));

    /// <summary>Replaces one category's attributes (as GetAttributesByCategory answers them).</summary>
    [HttpPut("categories/{categoryId:long}/attributes")]
    [ProducesResponseType<CategoryAttributesDto>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public async Task<IActionResult> ReplaceAttributes(long categoryId, CategoryAttributesDto body, CancellationToken cancellationToken) =>
        ToActionResult(await Mediator.Send(new ReplaceCategoryAttributesCommand(categoryId, body.Attributes), cancellationToken));

    /// <summary>One category's attributes as uploaded.</summary>
    [HttpGet("categories/{categoryId:long}/attributes")]
    [ProducesResponseType<CategoryAttributesDto>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public async Task<IActionResult> GetAttributes(long categoryId, CancellationToken cancellationToken) =>
        ToActionResult(await Mediator.Send(new GetListingDocumentQuery(ListingDocumentKind.Attributes, categoryId), cancellationToken), Raw);

    /// <summary>Replaces one category's variation rules (as GetVariationsByCategory answers them).</summary>
    [HttpPut("categories/{categoryId:long}/variations")]
    [ProducesResponseType<CategoryVariationsDto>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public async Task<IActionResult> ReplaceVariations(long categoryId, CategoryVariationsDto body, CancellationToken cancellationToken) =>
        ToActionResult(await Mediator.Send(new ReplaceCategoryVariationsCommand(categoryId, body), cancellationToken));

    /// <summary>One category's variation rules as uploaded.</summary>
    [HttpGet("categories/{categoryId:long}/variations")]
    [ProducesResponseType<CategoryVariationsDto>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public async Task<IActionResult> GetVariations(long categoryId, CancellationToken cancellationToken) =>
        ToActionResult(await Mediator.Send(new GetListingDocumentQuery(ListingDocumentKind.Variations, categoryId), cancellationToken), Raw);

    private OkObjectResult Raw(string json) => Ok(JsonElement.Parse(json));

    public sealed record CategoriesBody(IReadOnlyList<CategoryDto>? Categories);
}
