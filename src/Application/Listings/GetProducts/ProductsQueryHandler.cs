using AutoMapper;
using ChannelBridge.Application.Common.Calls;
using Microsoft.Extensions.Options;

namespace ChannelBridge.Application.Listings.GetProducts;

internal sealed class ProductsQueryHandler(CallContext call, IListingQueries queries, IMapper mapper, IOptions<ListingsOptions> options)
    : LinnworksRequestHandler<ProductsQuery, ProductsResponse>(call)
{
    protected override async Task<ProductsResponse> HandleAsync(ProductsQuery request, CancellationToken cancellationToken)
    {
        var page = await queries.GetPageAsync(Call.UserConfig.Id, Call.Store.Id, request.PageNumber, options.Value.PageSize, cancellationToken);
        return new ProductsResponse
        {
            HasMorePages = page.HasMorePages,
            Products = mapper.Map<List<LinnworksProduct>>(page.Listings),
        };
    }
}
