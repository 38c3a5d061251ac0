using ChannelBridge.Api.Infrastructure;
using ChannelBridge.Application.Orders.Cancel;
using ChannelBridge.Application.Orders.Despatch;
using ChannelBridge.Application.Orders.GetOrders;
using ChannelBridge.Application.Orders.PostSaleOptions;
using ChannelBridge.Application.Orders.Refund;
using Microsoft.AspNetCore.Mvc;

namespace ChannelBridge.Api.Controllers;

/// <summary>Linnworks' order endpoints: download orders, report despatches and post-sale actions. Always HTTP 200.</summary>
[LinnworksApi]
[Produces("application/json")]
[Route("api/Order")]
[Tags("Linnworks: Orders")]
public sealed class OrderController : ApiControllerBase
{
    /// <summary>The linked store's orders changed since UTCTimeFrom, at most 100 a page from PageNumber 1.</summary>
    [HttpPost("Orders")]
    [LinnworksManifest("OrdersEndpoint")]
    [ProducesResponseType<OrdersResponse>(StatusCodes.Status200OK)]
    public async Task<ActionResult<OrdersResponse>> Orders(OrdersQuery query, CancellationToken cancellationToken) =>
        Ok(await Mediator.Send(query, cancellationToken));

    /// <summary>Shipped orders with tracking; answers every ReferenceNumber (Retry:true for transient failures).</summary>
    [HttpPost("Despatch")]
    [LinnworksManifest("DespatchEndpoint")]
    [ProducesResponseType<DespatchResponse>(StatusCodes.Status200OK)]
    public async Task<ActionResult<DespatchResponse>> Despatch(DespatchCommand command, CancellationToken cancellationToken) =>
        Ok(await Mediator.Send(command, cancellationToken));

    /// <summary>The seller cancelled an order (or lines) in Linnworks: recorded once, passed to the channel on its feed.</summary>
    [HttpPost("Cancel")]
    [LinnworksManifest("CancelEndpoint")]
    [ProducesResponseType<CancelResponse>(StatusCodes.Status200OK)]
    public async Task<ActionResult<CancelResponse>> Cancel(CancelCommand command, CancellationToken cancellationToken) =>
        Ok(await Mediator.Send(command, cancellationToken));

    /// <summary>The seller refunded an order in Linnworks: recorded once; the same refund again gets the same RefundReference.</summary>
    [HttpPost("Refund")]
    [LinnworksManifest("RefundEndpoint")]
    [ProducesResponseType<RefundResponse>(StatusCodes.Status200OK)]
    public async Task<ActionResult<RefundResponse>> Refund(RefundCommand command, CancellationToken cancellationToken) =>
        Ok(await Mediator.Send(command, cancellationToken));

    /// <summary>Which post-sale actions the channel supports, and their reasons.</summary>
    [HttpPost("PostSaleOptions")]
    [LinnworksManifest("PostSaleOptionsEndpoint", "PostSaleOptions")]
    [ProducesResponseType<PostSaleOptionsResponse>(StatusCodes.Status200OK)]
    public async Task<ActionResult<PostSaleOptionsResponse>> PostSaleOptions(PostSaleOptionsQuery query, CancellationToken cancellationToken) =>
        Ok(await Mediator.Send(query, cancellationToken));
}
