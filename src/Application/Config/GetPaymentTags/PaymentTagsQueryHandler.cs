using ChannelBridge.Application.Common.Contracts;
using AutoMapper;
using ChannelBridge.Application.Common.Messaging;

namespace ChannelBridge.Application.Config.GetPaymentTags;

/// <summary>The linked store's payment tags: the one place a Linnworks call loads the whole store (the access check reads its row alone).</summary>
internal sealed class PaymentTagsQueryHandler(IntegrationContext integration, Domain.Stores.IStoreRepository stores, IMapper mapper)
    : LinnworksRequestHandler<PaymentTagsQuery, PaymentTagsResponse>
{
    protected override async Task<PaymentTagsResponse> HandleAsync(PaymentTagsQuery request, CancellationToken cancellationToken) =>
        await stores.GetByIdAsync(integration.Store.Id, cancellationToken) is { } store
            ? new PaymentTagsResponse { PaymentTags = mapper.Map<List<TagDto>>(store.PaymentTags) }
            : new PaymentTagsResponse { Error = $"Store {integration.Store.Id} no longer exists." };
}
