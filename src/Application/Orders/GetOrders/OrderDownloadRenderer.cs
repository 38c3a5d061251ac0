using System.Text.Json;
using AutoMapper;
using ChannelBridge.Application.Common.Json;
using ChannelBridge.Domain.Orders;
using Microsoft.Extensions.Options;

namespace ChannelBridge.Application.Orders.GetOrders;

/// <summary>
/// Renders an order as the Orders endpoint sends it, once, when the order is saved (ADR-011): a page is then
/// the stored JSON copied to the socket, with no deserializing, mapping or serializing per download.
/// </summary>
public interface IOrderDownloadRenderer
{
    /// <summary>
    /// What a stored rendering was made with (format version and the defaults it applied). A rendering made
    /// with anything else is not served; the order is mapped again from its content instead.
    /// </summary>
    string Format { get; }

    /// <summary>
    /// The order's JSON as Linnworks downloads it, in UTF-8 (as it is stored and sent). An order without a currency
    /// is rendered with <c>"Currency":""</c>, which the page fills with the reading integration's DefaultCurrency
    /// (<see cref="DownloadedOrder"/>).
    /// </summary>
    byte[] Render(OrderContent content);

    /// <summary>The order with its download rendered from its content as it is now, for the repository to store.</summary>
    OrderToSave ToSave(ChannelOrder order);

    /// <summary><see cref="ToSave(ChannelOrder)"/> for an order whose content the caller has already written as JSON (see <see cref="OrderToSave.ContentJson"/>).</summary>
    OrderToSave ToSave(ChannelOrder order, byte[] contentJson);
}

internal sealed class OrderDownloadRenderer(IMapper mapper, IOptions<OrdersOptions> options) : IOrderDownloadRenderer
{
    /// <summary>Raise when <see cref="LinnworksOrder"/>, its mapping or <see cref="OrderDownloadDefaults"/> change what is written.</summary>
    private const int FormatVersion = 1;

    // The options do not change while the process runs: the format is made once per renderer, not once per order saved.
    public string Format { get; } = $"{FormatVersion}:{options.Value.DispatchByDaysWhenAbsent}";

    public OrderToSave ToSave(ChannelOrder order) => new(order, new OrderDownload(Render(order.Content), Format));

    public OrderToSave ToSave(ChannelOrder order, byte[] contentJson) => new(order, new OrderDownload(Render(order.Content), Format), contentJson);

    public byte[] Render(OrderContent content) =>
        JsonSerializer.SerializeToUtf8Bytes(new OrderDownloadDefaults(options.Value.DispatchByDaysWhenAbsent, null).Map(content, mapper), LinnworksWireJson.WriteOptions);
}
