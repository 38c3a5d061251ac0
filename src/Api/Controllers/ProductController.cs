using ChannelBridge.Api.Infrastructure;
using ChannelBridge.Application.Listings.GetProducts;
using ChannelBridge.Application.Listings.InventoryUpdate;
using ChannelBridge.Application.Listings.PriceUpdate;
using Microsoft.AspNetCore.Mvc;

namespace ChannelBridge.Api.Controllers;

/// <summary>Linnworks' listing endpoints: read the store's listings, push stock levels and prices. Always HTTP 200.</summary>
[LinnworksApi]
[Produces("application/json")]
[Route("api/Product")]
[Tags("Linnworks: Products")]
public sealed class ProductController : ApiControllerBase
{
    /// <summary>The store's listings in stable pages from PageNumber 1; a page past the end is empty.</summary>
    [HttpPost("Products")]
    [LinnworksManifest("ProductsEndpoint")]
    [ProducesResponseType<ProductsResponse>(StatusCodes.Status200OK)]
    public async Task<ActionResult<ProductsResponse>> Products(ProductsQuery query, CancellationToken cancellationToken) =>
        Ok(await Mediator.Send(query, cancellationToken));

    /// <summary>New available quantities; answers every SKU (unknown → "SKU does not exist").</summary>
    [HttpPost("InventoryUpdate")]
    [LinnworksManifest("InventoryUpdateEndpoint")]
    [ProducesResponseType<InventoryUpdateResponse>(StatusCodes.Status200OK)]
    public async Task<ActionResult<InventoryUpdateResponse>> InventoryUpdate(InventoryUpdateCommand command, CancellationToken cancellationToken) =>
        Ok(await Mediator.Send(command, cancellationToken));

    /// <summary>New channel prices; answers every SKU.</summary>
    [HttpPost("PriceUpdate")]
    [LinnworksManifest("PriceUpdateEndpoint")]
    [ProducesResponseType<PriceUpdateResponse>(StatusCodes.Status200OK)]
    public async Task<ActionResult<PriceUpdateResponse>> PriceUpdate(PriceUpdateCommand command, CancellationToken cancellationToken) =>
        Ok(await Mediator.Send(command, cancellationToken));
}
