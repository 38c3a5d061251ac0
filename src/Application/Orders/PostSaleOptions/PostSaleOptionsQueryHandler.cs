using ChannelBridge.Application.Common.Calls;
using Microsoft.Extensions.Options;

namespace ChannelBridge.Application.Orders.PostSaleOptions;

internal sealed class PostSaleOptionsQueryHandler(CallContext call, IOptions<PostSaleSettings> settings)
    : LinnworksRequestHandler<PostSaleOptionsQuery, PostSaleOptionsResponse>(call)
{
    protected override Task<PostSaleOptionsResponse> HandleAsync(PostSaleOptionsQuery request, CancellationToken cancellationToken)
    {
        var s = settings.Value;
        return Task.FromResult(new PostSaleOptionsResponse
        {
            CanCancel = s.CanCancel,
            CanCancelOrderLines = s.CanCancel,
            CanCancelOrderLinesPartially = s.CanCancel,
            AutomaticRefundOnCancel = false,
            CanRefund = s.CanRefund,
            CanAttachRefundToItem = s.CanRefund,
            CanAttachRefundToService = false,
            RefundShippingTypes = s.CanRefund ? 2 : 0,
            CanRefundAdditionally = false,
            CanReturn = false,
            PostSaleReasons =
            [
                new() { Tag = "CustomerRequest", DisplayName = "Customer request", Types = [0, 1, 2] },
                new() { Tag = "OutOfStock", DisplayName = "Out of stock", Types = [0, 1] },
                new() { Tag = "Damaged", DisplayName = "Damaged or faulty", Types = [1, 2] },
                new() { Tag = "Other", DisplayName = "Other", Types = [0, 1, 2] },
            ],
        });
    }
}

/// <summary>Section <c>PostSale</c>: turn off what the channel platform cannot act on.</summary>
public sealed class PostSaleSettings
{
    public const string SectionName = "PostSale";

    public bool CanCancel { get; set; } = true;

    public bool CanRefund { get; set; } = true;
}
