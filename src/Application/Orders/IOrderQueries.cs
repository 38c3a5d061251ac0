using ChannelBridge.Domain.Orders;

namespace ChannelBridge.Application.Orders;

/// <summary>
/// One page of the orders an integration downloads. Paging is over a snapshot fixed at PageNumber 1
/// for that (integration, UTCTimeFrom): orders arriving or changing meanwhile neither shift nor repeat
/// the pages being read.
/// </summary>
public interface IOrderQueries
{
    Task<OrderPage> GetPageAsync(OrderPageRequest request, CancellationToken cancellationToken);
}

/// <param name="IntegrationId">Whose paging session this is.</param>
/// <param name="ChangedSinceUtc">Orders whose last change is at or after this (UTCTimeFrom less the overlap).</param>
/// <param name="ReceivedNotBeforeUtc">Orders received before this are never sent (null: no limit).</param>
/// <param name="PageBudgetChars">A page stops early once its orders' stored JSON passes this size (one order at least).</param>
/// <param name="DownloadFormat">The rendering format served as stored (<see cref="GetOrders.IOrderDownloadRenderer.Format"/>).</param>
public sealed record OrderPageRequest(
    string IntegrationId, string StoreId, DateTime ChangedSinceUtc, int PageNumber, int PageSize, bool IncludeUnpaid, DateTime? ReceivedNotBeforeUtc,
    int PageBudgetChars, string DownloadFormat);

public sealed record OrderPage(IReadOnlyList<StoredOrder> Orders, bool HasMorePages);

/// <summary>An order of a page: its stored rendering (UTF-8 JSON) in the requested format, or else its content to map.</summary>
public sealed record StoredOrder(byte[]? Rendering, OrderContent? Content);
