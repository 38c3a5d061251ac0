using ChannelBridge.Application.Common;
using ChannelBridge.Application.Common.Ports;
using ChannelBridge.Application.Orders.UpsertOrders;
using ChannelBridge.Domain.Common;
using ChannelBridge.Domain.Orders;
using MediatR;

namespace ChannelBridge.Application.Orders.UpdateOrderStatuses;

/// <summary>
/// Applies each new payment status to the stored order as a re-sent order with that status would: the changed content
/// passes <see cref="OrderRules"/>, is rendered for Linnworks and saved with its change, so Linnworks downloads the order
/// again; the same status sent again is Unchanged. All changed orders of the call are saved in one transaction.
/// </summary>
internal sealed class UpdateOrderStatusesCommandHandler(
    IOrderRepository orders, GetOrders.IOrderDownloadRenderer renderer, Domain.Stores.IStoreRepository stores, IStoreWriteLock storeLock, TimeProvider time)
    : IRequestHandler<UpdateOrderStatusesCommand, Result<UpsertOrdersResponse>>
{
    public async Task<Result<UpsertOrdersResponse>> Handle(UpdateOrderStatusesCommand request, CancellationToken cancellationToken)
    {
        if (await stores.GetByIdAsync(request.StoreId, cancellationToken) is null)
        {
            return Result<UpsertOrdersResponse>.Failure(Error.NotFound($"Store '{request.StoreId}' was not found."));
        }

        return await ConflictRetry.RunAsync(
            async () => new UpsertOrdersResponse { Results = await ApplyAsync(request.StoreId, request.Orders!, cancellationToken) },
            storeLock,
            request.StoreId,
            "Some of these orders were being changed at the same time. Retry the batch.",
            cancellationToken);
    }

    private async Task<List<OrderUpsertResult>> ApplyAsync(string storeId, IReadOnlyList<OrderStatusDto?> items, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var references = items.Select(i => i?.ReferenceNumber?.Trim()).OfType<string>().Where(r => r.Length > 0 && !OrderRules.NamesNoOrder(r)).Distinct(StringComparer.Ordinal).ToList();
        var existing = await orders.GetByReferencesAsync(storeId, references, cancellationToken);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var changed = new List<OrderToSave>();
        var results = new List<OrderUpsertResult>(items.Count);
        foreach (var item in items)
        {
            results.Add(ApplyOne(item, seen, existing, now, changed));
        }

        if (changed.Count > 0)
        {
            await orders.SaveChangesAsync(changed, cancellationToken);
        }

        return results;
    }

    /// <summary>One item's answer; the order it changes is added to <paramref name="changed"/>, rendered for Linnworks.</summary>
    private OrderUpsertResult ApplyOne(
        OrderStatusDto? item, HashSet<string> seen, IReadOnlyDictionary<string, ChannelOrder> existing, DateTime now, List<OrderToSave> changed)
    {
        var reference = item?.ReferenceNumber?.Trim() ?? string.Empty;
        if (Refusal(item, reference, seen, existing) is { } refused)
        {
            return new OrderUpsertResult { ReferenceNumber = item?.ReferenceNumber, Status = UpsertStatus.Rejected, Errors = [refused] };
        }

        var order = existing[reference];
        var checkedContent = OrderRules.Validate(WithStatus(order.Content, item!));
        if (!checkedContent.TryGetValue(out var content))
        {
            return new OrderUpsertResult { ReferenceNumber = item!.ReferenceNumber, Status = UpsertStatus.Rejected, Errors = [.. checkedContent.Errors.Select(e => e.Message)] };
        }

        var (json, hash) = ContentHashes.WithJson(content);
        var change = order.ChangePaymentStatus(content, hash, now);
        if (!change.TryGetValue(out var isChanged))
        {
            return new OrderUpsertResult { ReferenceNumber = item!.ReferenceNumber, Status = UpsertStatus.Rejected, Errors = [.. change.Errors.Select(e => e.Message)] };
        }

        if (!isChanged)
        {
            return new OrderUpsertResult { ReferenceNumber = item!.ReferenceNumber, Status = UpsertStatus.Unchanged };
        }

        changed.Add(renderer.ToSave(order, json));
        return new OrderUpsertResult { ReferenceNumber = item!.ReferenceNumber, Status = UpsertStatus.Updated };
    }

    /// <summary>The stored content with the item's status, and its PaidOn when it sends one (an unset 0001-01-01 is none).</summary>
    private static OrderContent WithStatus(OrderContent stored, OrderStatusDto item) =>
        stored with { PaymentStatus = item.PaymentStatus!, PaidOn = UnsetDate.AbsentIfUnset(item.PaidOn) ?? stored.PaidOn };

    /// <summary>Why an item cannot be applied before its new content is checked, or null.</summary>
    private static string? Refusal(OrderStatusDto? item, string reference, HashSet<string> seen, IReadOnlyDictionary<string, ChannelOrder> existing) => item switch
    {
        null => "The order is null.",
        _ when reference.Length == 0 => "ReferenceNumber is required.",
        _ when OrderRules.NamesNoOrder(reference) => OrderRules.ReferenceNamesNoOrder,
        _ when string.IsNullOrWhiteSpace(item.PaymentStatus) => "PaymentStatus is required: PAID, UNPAID or CANCELLED.",
        _ when !seen.Add(reference) => $"ReferenceNumber '{reference}' appears more than once in this batch.",
        _ when !existing.ContainsKey(reference) => $"Order {reference} was not found.",
        _ => null,
    };
}
