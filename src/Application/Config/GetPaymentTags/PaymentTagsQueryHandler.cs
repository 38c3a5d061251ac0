using AutoMapper;
using ChannelBridge.Application.Common.Messaging;

namespace ChannelBridge.Application.Config.GetPaymentTags;

internal sealed class PaymentTagsQueryHandler(LinkedStoreReader linkedStore, IMapper mapper)
    : LinnworksRequestHandler<PaymentTagsQuery, PaymentTagsResponse>
{
    protected override async Task<PaymentTagsResponse> HandleAsync(PaymentTagsQuery request, CancellationToken cancellationToken)
    {
        var store = await linkedStore.GetAsync(cancellationToken);
        return store.TryGetValue(out var s)
            ? new PaymentTagsResponse { PaymentTags = mapper.Map<List<TagDto>>(s.PaymentTags) }
            : new PaymentTagsResponse { Error = store.ErrorMessage };
    }
}
