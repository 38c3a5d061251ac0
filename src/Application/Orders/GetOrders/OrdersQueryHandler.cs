using System.Globalization;
using AutoMapper;
using ChannelBridge.Application.Common.Calls;
using ChannelBridge.Domain.UserConfigs;
using Microsoft.Extensions.Options;

namespace ChannelBridge.Application.Orders.GetOrders;

/// <summary>
/// The linked store's orders for Linnworks, filtered by the integration's settings: unpaid orders only
/// if ImportUnpaidOrders, nothing received more than IgnoreOrdersOlderThanDays before the integration
/// was created, no order already fully despatched, and DefaultCurrency for orders that carry none.
/// </summary>
internal sealed class OrdersQueryHandler(
    CallContext call, IOrderQueries queries, IOrderDownloadRenderer renderer, IMapper mapper, IOptions<OrdersOptions> options)
    : LinnworksRequestHandler<OrdersQuery, OrdersResponse>(call)
{
    protected override async Task<OrdersResponse> HandleAsync(OrdersQuery request, CancellationToken cancellationToken)
    {
        var config = Call.UserConfig;
        var includeUnpaid = !string.Equals(config.GetValue(WizardDefinition.ImportUnpaidOrdersItemId), bool.FalseString, StringComparison.OrdinalIgnoreCase);
        var days = int.TryParse(config.GetValue(WizardDefinition.IgnoreOrdersOlderThanDaysItemId), NumberStyles.Integer, CultureInfo.InvariantCulture, out var d) ? d : 0;
        DateTime? notBefore = days > 0 ? config.CreatedUtc.AddDays(-days) : null;
        // Before the floor there is nothing (orders are refused with earlier dates): start there.
        var from = DateTime.SpecifyKind(request.UTCTimeFrom!.Value, DateTimeKind.Utc);
        from = from < Domain.Orders.OrderRules.EarliestDate ? Domain.Orders.OrderRules.EarliestDate : from;
        if (from.Ticks > options.Value.UtcTimeFromOverlap.Ticks)
        {
            from -= options.Value.UtcTimeFromOverlap;
        }

        var page = await queries.GetPageAsync(
            new OrderPageRequest(config.Id, Call.Store.Id, from, request.PageNumber, options.Value.PageSize, includeUnpaid, notBefore,
                options.Value.PageBudgetChars, renderer.Format),
            cancellationToken);

        var defaults = new OrderDownloadDefaults(options.Value.DispatchByDaysWhenAbsent, config.GetValue(WizardDefinition.DefaultCurrencyItemId));
        var defaultCurrency = DownloadedOrder.EncodeCurrency(defaults.DefaultCurrency);
        return new OrdersResponse
        {
            HasMorePages = page.HasMorePages,
            Orders = [.. page.Orders.Select(o => o.Rendering is { } json
                ? DownloadedOrder.FromRendering(json, defaultCurrency)
                : DownloadedOrder.FromMapped(defaults.Map(o.Content!, mapper)))],
        };
    }
}
