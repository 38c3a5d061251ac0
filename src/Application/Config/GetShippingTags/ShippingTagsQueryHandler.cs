using AutoMapper;
using ChannelBridge.Application.Common.Calls;

namespace ChannelBridge.Application.Config.GetShippingTags;

/// <summary>The linked store's shipping tags: the one place a Linnworks call loads the whole store (the access check reads its row alone).</summary>
internal sealed class ShippingTagsQueryHandler(CallContext call, Domain.Stores.IStoreRepository stores, IMapper mapper)
    : LinnworksRequestHandler<ShippingTagsQuery, ShippingTagsResponse>(call)
{
    protected override async Task<ShippingTagsResponse> HandleAsync(ShippingTagsQuery request, CancellationToken cancellationToken) =>
        await stores.GetByIdAsync(Call.Store.Id, cancellationToken) is { } store
            ? new ShippingTagsResponse { ShippingTags = mapper.Map<List<TagDto>>(store.ShippingTags) }
            : new ShippingTagsResponse { Error = $"Store {Call.Store.Id} no longer exists." };
}
