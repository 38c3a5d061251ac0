using ChannelBridge.Api.Infrastructure;
using ChannelBridge.Application.PersonalData.EraseBuyerData;
using ChannelBridge.Application.PersonalData.Retention;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace ChannelBridge.Api.Controllers;

/// <summary>Channel API: buyers' personal data — how long the store keeps it, and erasure on a buyer's request (ADR-018).</summary>
[Route("api/channel/v1/stores/{storeId}/personal-data")]
[EnableRateLimiting(ChannelRateLimit.PolicyName)]
[Tags("Channel API: Personal data")]
[Authorize(AuthenticationSchemes = ChannelKeyAuthenticationHandler.SchemeName, Policy = ChannelKeyAuthenticationHandler.StorePolicy)]
[ProducesResponseType<ProblemDetails>(StatusCodes.Status401Unauthorized)]
[ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden)]
[ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
public sealed class ChannelPersonalDataController : ChannelControllerBase
{
    /// <summary>The retention that applies to the store (its own or the default) and its latest erasures (counts only).</summary>
    [HttpGet]
    [ProducesResponseType<PersonalDataResponse>(StatusCodes.Status200OK)]
    public async Task<IActionResult> Get(string storeId, CancellationToken cancellationToken) =>
        ToActionResult(await Mediator.Send(new GetPersonalDataQuery(storeId), cancellationToken));

    /// <summary>Sets how many days a finished order keeps its buyer's personal data (0: until erased on request; null: the default).</summary>
    [HttpPut("retention")]
    [ProducesResponseType<PersonalDataResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    public async Task<IActionResult> SetRetention(string storeId, RetentionBody body, CancellationToken cancellationToken) =>
        ToActionResult(await Mediator.Send(new SetPersonalDataRetentionCommand(storeId, body.Days), cancellationToken));

    /// <summary>
    /// Erases now, whatever the retention, the personal data of the store's orders that carry Email, or of the orders named
    /// by References. Answers each order's outcome; the same request again changes nothing.
    /// </summary>
    [HttpPost("erase")]
    [ProducesResponseType<EraseBuyerDataResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict)]
    public async Task<IActionResult> Erase(string storeId, EraseBody body, CancellationToken cancellationToken) =>
        ToActionResult(await Mediator.Send(new EraseBuyerDataCommand(storeId, body.Email, body.References), cancellationToken));

    /// <summary>
    /// The store's retention in days: from 0 (keep until erased on request) to 3650, or null (or left out) for the default.
    /// Any other field is refused, as in every Channel API body (ADR-035): a misspelt one, or the GET's RetentionDays sent
    /// back, would otherwise leave Days out and put the store back on the default.
    /// </summary>
    public sealed record RetentionBody(int? Days);

    public sealed record EraseBody(string? Email, IReadOnlyList<string>? References);
}
