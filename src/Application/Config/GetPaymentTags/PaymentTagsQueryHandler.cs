using AutoMapper;
using ChannelBridge.Application.Common.Calls;

namespace ChannelBridge.Application.Config.GetPaymentTags;

/// <summary>The linked store's payment tags: the one place a Linnworks call loads the whole store (the access check reads its row alone).</summary>
internal sealed class PaymentTagsQueryHandler(CallContext call, Domain.Stores.IStoreRepository stores, IMapper mapper)
    : LinnworksRequestHandler<PaymentTagsQuery, PaymentTagsResponse>(call)
{
    protected override async Task<PaymentTagsResponse> HandleAsync(PaymentTagsQuery request, CancellationToken cancellationToken) =>
        await stores.GetByIdAsync(Call.Store.Id, cancellationToken) is { } store
            ? new PaymentTagsResponse { PaymentTags = mapper.Map<List<TagDto>>(store.PaymentTags) }
            : new PaymentTagsResponse { Error = $"Store {Call.Store.Id} no longer exists." };
}
