using ChannelBridge.Application.Common.Contracts;
using AutoMapper;
using ChannelBridge.Application.Common.Messaging;

namespace ChannelBridge.Application.Config.GetShippingTags;

internal sealed class ShippingTagsQueryHandler(IntegrationContext integration, IMapper mapper)
    : LinnworksRequestHandler<ShippingTagsQuery, ShippingTagsResponse>
{
    protected override Task<ShippingTagsResponse> HandleAsync(ShippingTagsQuery request, CancellationToken cancellationToken) =>
        Task.FromResult(new ShippingTagsResponse { ShippingTags = mapper.Map<List<TagDto>>(integration.Store.ShippingTags) });
}
