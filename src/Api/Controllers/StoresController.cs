using ChannelBridge.Api.Infrastructure;
using ChannelBridge.Application.Config;
using ChannelBridge.Application.Stores;
using ChannelBridge.Application.Stores.CreateStore;
using ChannelBridge.Application.Stores.DisableStore;
using ChannelBridge.Application.Stores.GetStore;
using ChannelBridge.Application.Stores.ReplaceStoreTags;
using ChannelBridge.Application.Stores.RotateStoreKey;
using ChannelBridge.Domain.Stores;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace ChannelBridge.Api.Controllers;

/// <summary>Channel API: the channel operator manages stores; a store may read and change its own.</summary>
[Route("api/channel/v1/stores")]
[EnableRateLimiting(ChannelRateLimit.PolicyName)]
[Tags("Channel API: Stores")]
[Authorize(AuthenticationSchemes = ChannelKeyAuthenticationHandler.SchemeName, Policy = ChannelKeyAuthenticationHandler.StorePolicy)]
[ProducesResponseType<ProblemDetails>(StatusCodes.Status401Unauthorized)]
[ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden)]
public sealed class StoresController : ChannelControllerBase
{
    /// <summary>Creates a store. The StoreKey is in this answer only; keep it.</summary>
    [HttpPost]
    [Authorize(AuthenticationSchemes = ChannelKeyAuthenticationHandler.SchemeName, Policy = ChannelKeyAuthenticationHandler.OperatorPolicy)]
    [ProducesResponseType<CreatedStoreResponse>(StatusCodes.Status201Created)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    public async Task<IActionResult> Create(CreateStoreCommand command, CancellationToken cancellationToken) =>
        ToActionResult(await Mediator.Send(command, cancellationToken), created => CreatedAtAction(nameof(Get), new { storeId = created.StoreId }, created));

    /// <summary>A store's name, state and tags (never its key).</summary>
    [HttpGet("{storeId}")]
    [ProducesResponseType<StoreResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public async Task<IActionResult> Get(string storeId, CancellationToken cancellationToken) =>
        ToActionResult(await Mediator.Send(new GetStoreQuery(storeId), cancellationToken));

    /// <summary>Replaces the StoreKey; the old one stops working at once.</summary>
    /// <summary>
    /// The store's Linnworks integrations: how and when linked, and per endpoint family the last call (time, outcome,
    /// ms, items), the last error and 24-hour counts. Up to a minute behind (activity is written coalesced).
    /// </summary>
    [HttpGet("{storeId}/integrations")]
    [ProducesResponseType<Application.Stores.GetIntegrations.StoreIntegrationsResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public async Task<IActionResult> Integrations(string storeId, CancellationToken cancellationToken) =>
        ToActionResult(await Mediator.Send(new Application.Stores.GetIntegrations.GetStoreIntegrationsQuery(storeId), cancellationToken));

    /// <summary>
    /// What the store holds against each of its limits (ADR-039): orders and their characters, listings, listing jobs'
    /// characters, the updates feed's characters and linked integrations, each with its limit (0: none). Past a limit
    /// new ones are refused with the reason; here a platform sees its room first.
    /// </summary>
    [HttpGet("{storeId}/usage")]
    [ProducesResponseType<Application.Stores.GetUsage.StoreUsageResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public async Task<IActionResult> Usage(string storeId, CancellationToken cancellationToken) =>
        ToActionResult(await Mediator.Send(new Application.Stores.GetUsage.GetStoreUsageQuery(storeId), cancellationToken));

    /// <summary>A new StoreKey (in this answer only); the old key, every OAuth token and every integration linked with it stop working at once.</summary>
    [HttpPost("{storeId}/rotate-key")]
    [ProducesResponseType<StoreKeyResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public async Task<IActionResult> RotateKey(string storeId, CancellationToken cancellationToken) =>
        ToActionResult(await Mediator.Send(new RotateStoreKeyCommand(storeId), cancellationToken));

    /// <summary>Disables the store: its key stops working and Linnworks integrations fail ConfigTest.</summary>
    [HttpPost("{storeId}/disable")]
    [Authorize(AuthenticationSchemes = ChannelKeyAuthenticationHandler.SchemeName, Policy = ChannelKeyAuthenticationHandler.OperatorPolicy)]
    [ProducesResponseType<StoreResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public async Task<IActionResult> Disable(string storeId, CancellationToken cancellationToken) =>
        ToActionResult(await Mediator.Send(new DisableStoreCommand(storeId), cancellationToken));

    /// <summary>Replaces the store's shipping tags (send [] to remove all).</summary>
    [HttpPut("{storeId}/shipping-tags")]
    [ProducesResponseType<StoreResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public async Task<IActionResult> ReplaceShippingTags(string storeId, ShippingTagsBody body, CancellationToken cancellationToken) =>
        ToActionResult(await Mediator.Send(new ReplaceStoreTagsCommand(storeId, TagKind.Shipping, body.ShippingTags), cancellationToken));

    /// <summary>Replaces the store's payment tags (send [] to remove all).</summary>
    [HttpPut("{storeId}/payment-tags")]
    [ProducesResponseType<StoreResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public async Task<IActionResult> ReplacePaymentTags(string storeId, PaymentTagsBody body, CancellationToken cancellationToken) =>
        ToActionResult(await Mediator.Send(new ReplaceStoreTagsCommand(storeId, TagKind.Payment, body.PaymentTags), cancellationToken));

    public sealed record ShippingTagsBody(IReadOnlyList<TagDto>? ShippingTags);

    public sealed record PaymentTagsBody(IReadOnlyList<TagDto>? PaymentTags);
}
