using System.Globalization;
using AutoMapper;
using ChannelBridge.Application.Common.Contracts;
using ChannelBridge.Application.Common.Messaging;
using ChannelBridge.Application.Config;
using Microsoft.Extensions.Options;

namespace ChannelBridge.Application.Orders.GetOrders;

/// <summary>
/// The linked store's orders for Linnworks, filtered by the integration's settings: unpaid orders only
/// if ImportUnpaidOrders, nothing received more than IgnoreOrdersOlderThanDays before the integration
/// was created, no order already fully despatched, and DefaultCurrency for orders that carry none.
/// </summary>
internal sealed class OrdersQueryHandler(
    IntegrationContext integration, LinkedStoreReader linkedStore, IOrderQueries queries, IMapper mapper, IOptions<OrdersOptions> options)
    : LinnworksRequestHandler<OrdersQuery, OrdersResponse>
{
    protected override async Task<OrdersResponse> HandleAsync(OrdersQuery request, CancellationToken cancellationToken)
    {
        var store = await linkedStore.GetAsync(cancellationToken);
        if (!store.TryGetValue(out var s))
        {
            return new OrdersResponse { Error = store.ErrorMessage };
        }

        var config = integration.UserConfig;
        var includeUnpaid = !string.Equals(config.GetValue("ImportUnpaidOrders"), bool.FalseString, StringComparison.OrdinalIgnoreCase);
        var days = int.TryParse(config.GetValue("IgnoreOrdersOlderThanDays"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var d) ? d : 0;
        var notBefore = days > 0 ? config.CreatedUtc.AddDays(-days) : DateTime.MinValue;
        var from = DateTime.SpecifyKind(request.UTCTimeFrom!.Value, DateTimeKind.Utc);
        if (from.Ticks > options.Value.UtcTimeFromOverlap.Ticks)
        {
            from -= options.Value.UtcTimeFromOverlap;
        }

        var page = await queries.GetPageAsync(
            new OrderPageRequest(config.Id, s.Id, from, request.PageNumber, options.Value.PageSize, includeUnpaid, notBefore), cancellationToken);

        var currency = config.GetValue("DefaultCurrency");
        return new OrdersResponse
        {
            HasMorePages = page.HasMorePages,
            Orders = [.. page.Orders.Select(o =>
            {
                var dto = mapper.Map<OrderDto>(o);
                dto.Currency ??= currency;
                return dto;
            })],
        };
    }
}
