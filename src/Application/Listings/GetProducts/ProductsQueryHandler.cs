using AutoMapper;
using ChannelBridge.Application.Common.Contracts;
using ChannelBridge.Application.Common.Messaging;
using ChannelBridge.Application.Config;
using Microsoft.Extensions.Options;

namespace ChannelBridge.Application.Listings.GetProducts;

internal sealed class ProductsQueryHandler(IntegrationContext integration, LinkedStoreReader linkedStore, IListingQueries queries, IMapper mapper, IOptions<ListingsOptions> options)
    : LinnworksRequestHandler<ProductsQuery, ProductsResponse>
{
    protected override async Task<ProductsResponse> HandleAsync(ProductsQuery request, CancellationToken cancellationToken)
    {
        var store = await linkedStore.GetAsync(cancellationToken);
        if (!store.TryGetValue(out var s))
        {
            return new ProductsResponse { Error = store.ErrorMessage };
        }

        var page = await queries.GetPageAsync(integration.UserConfig.Id, s.Id, request.PageNumber, options.Value.PageSize, cancellationToken);
        return new ProductsResponse
        {
            HasMorePages = page.HasMorePages,
            Products = mapper.Map<List<ProductDto>>(page.Listings),
        };
    }
}
