using AutoMapper;
using ChannelBridge.Application.Common.Messaging;

namespace ChannelBridge.Application.Config.GetShippingTags;

internal sealed class ShippingTagsQueryHandler(LinkedStoreReader linkedStore, IMapper mapper)
    : LinnworksRequestHandler<ShippingTagsQuery, ShippingTagsResponse>
{
    protected override async Task<ShippingTagsResponse> HandleAsync(ShippingTagsQuery request, CancellationToken cancellationToken)
    {
        var store = await linkedStore.GetAsync(cancellationToken);
        return store.TryGetValue(out var s)
            ? new ShippingTagsResponse { ShippingTags = mapper.Map<List<TagDto>>(s.ShippingTags) }
            : new ShippingTagsResponse { Error = store.ErrorMessage };
    }
}
