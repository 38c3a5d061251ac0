using AutoMapper;
using ChannelBridge.Application.Common.Contracts;
using ChannelBridge.Application.Common.Messaging;
using Microsoft.Extensions.Options;

namespace ChannelBridge.Application.Listings.GetProducts;

internal sealed class ProductsQueryHandler(IntegrationContext integration, IListingQueries queries, IMapper mapper, IOptions<ListingsOptions> options)
    : LinnworksRequestHandler<ProductsQuery, ProductsResponse>
{
    protected override async Task<ProductsResponse> HandleAsync(ProductsQuery request, CancellationToken cancellationToken)
    {
        var page = await queries.GetPageAsync(integration.UserConfig.Id, integration.Store.Id, request.PageNumber, options.Value.PageSize, cancellationToken);
        return new ProductsResponse
        {
            HasMorePages = page.HasMorePages,
            Products = mapper.Map<List<LinnworksProduct>>(page.Listings),
        };
    }
}
