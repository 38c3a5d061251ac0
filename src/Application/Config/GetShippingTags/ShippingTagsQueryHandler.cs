using ChannelBridge.Application.Common.Contracts;
using AutoMapper;
using ChannelBridge.Application.Common.Messaging;

namespace ChannelBridge.Application.Config.GetShippingTags;

/// <summary>The linked store's shipping tags: the one place a Linnworks call loads the whole store (the access check reads its row alone).</summary>
internal sealed class ShippingTagsQueryHandler(IntegrationContext integration, Domain.Stores.IStoreRepository stores, IMapper mapper)
    : LinnworksRequestHandler<ShippingTagsQuery, ShippingTagsResponse>
{
    protected override async Task<ShippingTagsResponse> HandleAsync(ShippingTagsQuery request, CancellationToken cancellationToken) =>
        await stores.GetByIdAsync(integration.Store.Id, cancellationToken) is { } store
            ? new ShippingTagsResponse { ShippingTags = mapper.Map<List<TagDto>>(store.ShippingTags) }
            : new ShippingTagsResponse { Error = $"Store {integration.Store.Id} no longer exists." };
}
