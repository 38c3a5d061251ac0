using ChannelBridge.Application.Common.Contracts;
using AutoMapper;
using ChannelBridge.Application.Common.Messaging;

namespace ChannelBridge.Application.Config.GetPaymentTags;

internal sealed class PaymentTagsQueryHandler(IntegrationContext integration, IMapper mapper)
    : LinnworksRequestHandler<PaymentTagsQuery, PaymentTagsResponse>
{
    protected override Task<PaymentTagsResponse> HandleAsync(PaymentTagsQuery request, CancellationToken cancellationToken) =>
        Task.FromResult(new PaymentTagsResponse { PaymentTags = mapper.Map<List<TagDto>>(integration.Store.PaymentTags) });
}
