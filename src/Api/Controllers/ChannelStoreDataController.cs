using ChannelBridge.Api.Infrastructure;
using ChannelBridge.Application.Listings;
using ChannelBridge.Application.Listings.DeleteProduct;
using ChannelBridge.Application.Listings.DeleteProducts;
using ChannelBridge.Application.Listings.UpsertProducts;
using ChannelBridge.Application.ListingTool;
using ChannelBridge.Application.ListingTool.ReportListingResults;
using ChannelBridge.Application.Orders;
using ChannelBridge.Application.Orders.UpdateOrderStatuses;
using ChannelBridge.Application.Orders.UpsertOrders;
using ChannelBridge.Application.Updates.AcknowledgeUpdates;
using ChannelBridge.Application.Updates.GetUpdates;
using ChannelBridge.Application.Webhooks;
using ChannelBridge.Application.Webhooks.ConfigureWebhook;
using ChannelBridge.Application.Webhooks.DeleteWebhook;
using ChannelBridge.Application.Webhooks.GetWebhook;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace ChannelBridge.Api.Controllers;

/// <summary>Channel API: push a store's orders and listings, read and acknowledge what Linnworks sent back.</summary>
[Route("api/channel/v1/stores/{storeId}")]
[EnableRateLimiting(ChannelRateLimit.PolicyName)]
[Tags("Channel API: Orders, products and updates")]
[Authorize(AuthenticationSchemes = ChannelKeyAuthenticationHandler.SchemeName, Policy = ChannelKeyAuthenticationHandler.StorePolicy)]
[ProducesResponseType<ProblemDetails>(StatusCodes.Status401Unauthorized)]
[ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden)]
public sealed class ChannelStoreDataController : ChannelControllerBase
{
    /// <summary>Creates or updates orders by ReferenceNumber; one result per order, in order. Invalid orders are rejected, the rest stored.</summary>
    [HttpPost("orders")]
    [ProducesResponseType<UpsertOrdersResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public async Task<IActionResult> UpsertOrders(string storeId, OrdersBody body, CancellationToken cancellationToken) =>
        ToActionResult(await Mediator.Send(new UpsertOrdersCommand(storeId, body.Orders), cancellationToken));

    /// <summary>
    /// Changes stored orders' PaymentStatus by ReferenceNumber (an order paid later, or cancelled before it shipped), with
    /// PaidOn if given; Linnworks downloads each changed order again. One result per order, in order: Updated, Unchanged
    /// (the same status again) or Rejected (not found, an unknown status, …).
    /// </summary>
    [HttpPost("orders/status")]
    [ProducesResponseType<UpsertOrdersResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public async Task<IActionResult> UpdateOrderStatuses(string storeId, OrderStatusesBody body, CancellationToken cancellationToken) =>
        ToActionResult(await Mediator.Send(new UpdateOrderStatusesCommand(storeId, body.Orders), cancellationToken));

    /// <summary>
    /// What Linnworks sent — Despatch, Cancel, Refund, Inventory, Price, ListingCreate, ListingUpdate, ListingDelete — oldest
    /// first, after a cursor (default: the last acknowledged). Up to <c>limit</c>, fewer once their payloads pass about
    /// 4 MB: read on from NextCursor until a page is empty.
    /// </summary>
    [HttpGet("updates")]
    [ProducesResponseType<UpdatesResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    public async Task<IActionResult> GetUpdates(string storeId, [FromQuery] long? after, [FromQuery] int limit = 100, CancellationToken cancellationToken = default) =>
        ToActionResult(await Mediator.Send(new GetUpdatesQuery(storeId, after, limit), cancellationToken));

    /// <summary>Marks every update up to Cursor as delivered; reading without <c>after</c> starts after it.</summary>
    [HttpPost("updates/ack")]
    [ProducesResponseType<AcknowledgedResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    public async Task<IActionResult> Acknowledge(string storeId, AckBody body, CancellationToken cancellationToken) =>
        ToActionResult(await Mediator.Send(new AcknowledgeUpdatesCommand(storeId, body.Cursor), cancellationToken));

    /// <summary>Creates or updates listings by SKU (unique per store); one result per product, in order.</summary>
    [HttpPost("products")]
    [ProducesResponseType<UpsertProductsResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public async Task<IActionResult> UpsertProducts(string storeId, ProductsBody body, CancellationToken cancellationToken) =>
        ToActionResult(await Mediator.Send(new UpsertProductsCommand(storeId, body.Products), cancellationToken));

    /// <summary>
    /// Removes up to 10,000 listings by SKU in one call and one transaction (Deleted, NotFound, or Rejected: empty, too
    /// long, or sent twice); one result per SKU, in order. The same call again answers NotFound for what it deleted.
    /// </summary>
    [HttpPost("products/delete")]
    [ProducesResponseType<DeleteProductsResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public async Task<IActionResult> DeleteProducts(string storeId, SkusBody body, CancellationToken cancellationToken) =>
        ToActionResult(await Mediator.Send(new DeleteProductsCommand(storeId, body.SKUs), cancellationToken));

    /// <summary>
    /// Removes the listing with this SKU, escaped as a path segment: a slash as <c>%2F</c> (<c>TS%2FRED%2FXL</c>), as
    /// every client library escapes one. A proxy in front that decodes <c>%2F</c> splits the path; then use
    /// <c>DELETE …/products?sku=</c>.
    /// </summary>
    [HttpDelete("products/{sku}")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public async Task<IActionResult> DeleteProduct(string storeId, string sku, CancellationToken cancellationToken) =>
        ToActionResult(await Mediator.Send(new DeleteProductCommand(storeId, RawPath.LastSegment(HttpContext) ?? sku), cancellationToken), _ => NoContent());

    /// <summary>Removes the listing with this SKU, any SKU (a slash, a space, a percent sign), sent in the query string.</summary>
    [HttpDelete("products")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public async Task<IActionResult> DeleteProductBySku(string storeId, [FromQuery] string? sku, CancellationToken cancellationToken) =>
        ToActionResult(await Mediator.Send(new DeleteProductCommand(storeId, sku ?? string.Empty), cancellationToken), _ => NoContent());

    /// <summary>
    /// Push every feed update to Url, signed per Standard Webhooks. Without a Secret a new webhook gets one, shown once in
    /// this answer; a Secret sent must be whsec_ + base64 of 24 to 64 random bytes.
    /// </summary>
    [HttpPut("webhook")]
    [ProducesResponseType<WebhookResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    public async Task<IActionResult> ConfigureWebhook(string storeId, WebhookBody body, CancellationToken cancellationToken) =>
        ToActionResult(await Mediator.Send(new ConfigureWebhookCommand(storeId, body.Url, body.Secret), cancellationToken));

    /// <summary>A new signing secret, shown once; the old one keeps signing beside it for Webhooks:SecretRotationGrace (24 h).</summary>
    [HttpPost("webhook/rotate-secret")]
    [ProducesResponseType<WebhookResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public async Task<IActionResult> RotateWebhookSecret(string storeId, CancellationToken cancellationToken) =>
        ToActionResult(await Mediator.Send(new Application.Webhooks.RotateWebhookSecret.RotateWebhookSecretCommand(storeId), cancellationToken));

    /// <summary>Delivery resumes from DeliveredCursor at once (after a 410 Gone or a long run of failures disabled it).</summary>
    [HttpPost("webhook/enable")]
    [ProducesResponseType<WebhookResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public async Task<IActionResult> EnableWebhook(string storeId, CancellationToken cancellationToken) =>
        ToActionResult(await Mediator.Send(new Application.Webhooks.ManageWebhookDelivery.EnableWebhookCommand(storeId), cancellationToken));

    /// <summary>Operator only: deliver again every update after the cursor After (a platform that lost its own copy); same webhook-ids.</summary>
    [HttpPost("webhook/redeliver")]
    [Authorize(AuthenticationSchemes = ChannelKeyAuthenticationHandler.SchemeName, Policy = ChannelKeyAuthenticationHandler.OperatorPolicy)]
    [ProducesResponseType<WebhookResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public async Task<IActionResult> RedeliverWebhook(string storeId, RedeliverBody body, CancellationToken cancellationToken) =>
        ToActionResult(await Mediator.Send(new Application.Webhooks.ManageWebhookDelivery.RedeliverWebhookCommand(storeId, body.After), cancellationToken));

    /// <summary>The webhook's URL, state (Enabled or Disabled, why, since when), last attempt, failures and backlog (never the secret).</summary>
    [HttpGet("webhook")]
    [ProducesResponseType<WebhookResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public async Task<IActionResult> GetWebhook(string storeId, CancellationToken cancellationToken) =>
        ToActionResult(await Mediator.Send(new GetWebhookQuery(storeId), cancellationToken));

    /// <summary>Stops pushing; the pull feed keeps every update.</summary>
    [HttpDelete("webhook")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public async Task<IActionResult> DeleteWebhook(string storeId, CancellationToken cancellationToken) =>
        ToActionResult(await Mediator.Send(new DeleteWebhookCommand(storeId), cancellationToken), _ => NoContent());

    /// <summary>The platform reports listing jobs' outcomes (per SKU: id, URL, messages, references); see docs/linnworks.md, the listing tool.</summary>
    [HttpPost("listing-results")]
    [ProducesResponseType<ListingResultsResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public async Task<IActionResult> ReportListingResults(string storeId, ListingResultsBody body, CancellationToken cancellationToken) =>
        ToActionResult(await Mediator.Send(new ReportListingResultsCommand(storeId, body.ChannelFeedId, body.Results), cancellationToken));

    public sealed record ListingResultsBody(string? ChannelFeedId, IReadOnlyList<ListingResultDto>? Results);

    public sealed record WebhookBody(string? Url, string? Secret);

    public sealed record RedeliverBody(long? After);

    public sealed record OrdersBody(IReadOnlyList<OrderDto>? Orders);

    public sealed record OrderStatusesBody(IReadOnlyList<OrderStatusDto?>? Orders);

    public sealed record ProductsBody(IReadOnlyList<ProductDto>? Products);

    public sealed record SkusBody(IReadOnlyList<string>? SKUs);

    public sealed record AckBody(long? Cursor);
}
