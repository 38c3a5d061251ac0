using AutoMapper;
using ChannelBridge.Application.Common;
using ChannelBridge.Application.Common.Ports;
using ChannelBridge.Application.Stores;
using ChannelBridge.Domain.Common;
using ChannelBridge.Domain.Orders;
using MediatR;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChannelBridge.Application.Orders.UpsertOrders;

/// <summary>
/// Validates every order on its own (a bad one is rejected with its reasons, the rest stored), then
/// stores new and changed ones in one transaction. Re-sending an identical order changes nothing.
/// </summary>
internal sealed class UpsertOrdersCommandHandler(
    IOrderRepository orders, GetOrders.IOrderDownloadRenderer renderer, Domain.Stores.IStoreRepository stores, IStoreWriteLock storeLock, IMapper mapper, TimeProvider time,
    IOptions<OrdersOptions> options, OncePerMinuteLogLines logLines, ILogger<UpsertOrdersCommandHandler> logger)
    : IRequestHandler<UpsertOrdersCommand, Result<UpsertOrdersResponse>>
{
    private readonly Domain.Stores.StoreLimit _limit = Domain.Stores.StoreLimit.Orders(options.Value.MaxOrdersPerStore);
    private readonly Domain.Stores.StoreSizeLimit _size = new(options.Value.MaxOrderCharsPerStore);

    public async Task<Result<UpsertOrdersResponse>> Handle(UpsertOrdersCommand request, CancellationToken cancellationToken)
    {
        if (await stores.GetByIdAsync(request.StoreId, cancellationToken) is null)
        {
            return Result<UpsertOrdersResponse>.Failure(Error.NotFound($"Store '{request.StoreId}' was not found."));
        }

        var results = new OrderUpsertResult[request.Orders!.Count];
        var valid = Validate(request.Orders, results);
        return await ConflictRetry.RunAsync(
            async () =>
            {
                await StoreAsync(request.StoreId, valid, results, cancellationToken);
                return new UpsertOrdersResponse { Results = results };
            },
            storeLock,
            request.StoreId,
            "Some of these orders were being changed at the same time. Retry the batch.",
            cancellationToken);
    }

    /// <summary>
    /// The orders that pass OrderRules (a ReferenceNumber only once per batch), with their content as JSON and its hash
    /// (the JSON is stored as it is, OrderToSave.ContentJson); each other one is answered Rejected.
    /// </summary>
    private List<ValidOrder> Validate(IReadOnlyList<OrderDto?> orders, OrderUpsertResult[] results)
    {
        var valid = new List<ValidOrder>(orders.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < orders.Count; i++)
        {
            var dto = orders[i];
            var checkedOrder = dto is null
                ? Result<OrderContent>.Failure(Error.Validation("The order is null."))
                : OrderRules.Validate(mapper.Map<OrderContent>(dto));
            if (checkedOrder.TryGetValue(out var content) && !seen.Add(content.ReferenceNumber))
            {
                checkedOrder = Result<OrderContent>.Failure(Error.Validation($"ReferenceNumber '{content.ReferenceNumber}' appears more than once in this batch."));
            }

            if (checkedOrder.TryGetValue(out content))
            {
                var (json, hash) = ContentHashes.WithJson(content);
                valid.Add(new ValidOrder(i, content, json, hash, System.Text.Encoding.UTF8.GetCharCount(json)));
            }
            else
            {
                results[i] = new OrderUpsertResult { ReferenceNumber = dto?.ReferenceNumber, Status = UpsertStatus.Rejected, Errors = [.. checkedOrder.Errors.Select(e => e.Message)] };
            }
        }

        return valid;
    }

    /// <summary>
    /// Each valid order created, updated or left unchanged, and the new and changed ones saved in one transaction; an
    /// order past the store's room under its limits (<see cref="OrderRoom"/>) is answered Rejected instead.
    /// </summary>
    private async Task StoreAsync(string storeId, List<ValidOrder> valid, OrderUpsertResult[] results, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var existing = await orders.GetByReferencesAsync(storeId, [.. valid.Select(v => v.Content.ReferenceNumber)], cancellationToken);
        var room = new OrderRoom(_limit, _size, TakesRoom(valid, existing) ? await orders.GetHeldAsync(storeId, cancellationToken) : default);
        var changed = new List<OrderToSave>();
        foreach (var (index, content, json, hash, chars) in valid)
        {
            var (order, status, refusal) = Decide(storeId, existing.GetValueOrDefault(content.ReferenceNumber), content, chars, hash, now, room);
            results[index] = new OrderUpsertResult { ReferenceNumber = content.ReferenceNumber, Status = status, Errors = refusal is null ? [] : [refusal] };
            if (status is UpsertStatus.Created or UpsertStatus.Updated)
            {
                changed.Add(renderer.ToSave(order!, json));
            }
        }

        logLines.Refused(logger, _limit, storeId, room.RefusedForCount);
        logLines.Refused(logger, _size, storeId, room.RefusedForSize);
        if (changed.Count > 0)
        {
            await orders.SaveChangesAsync(changed, cancellationToken);
        }
    }

    /// <summary>Whether any order is new, or changed and larger than the one held: only then is the store's room read.</summary>
    private static bool TakesRoom(List<ValidOrder> valid, IReadOnlyDictionary<string, ChannelOrder> existing) =>
        valid.Any(v => !existing.TryGetValue(v.Content.ReferenceNumber, out var held) || (held.ContentHash != v.Hash && v.Chars > held.StoredChars));

    /// <summary>The order created, replaced or left as it is, or the reason it does not fit the store's room.</summary>
    private static (ChannelOrder? Order, UpsertStatus Status, string? Refusal) Decide(
        string storeId, ChannelOrder? held, OrderContent content, long chars, string hash, DateTime now, OrderRoom room)
    {
        if (held is null)
        {
            return room.Take(isNew: true, chars) is { } refused
                ? (null, UpsertStatus.Rejected, refused)
                : (ChannelOrder.Receive(storeId, content, hash, now), UpsertStatus.Created, null);
        }

        if (held.ContentHash == hash)
        {
            return (held, UpsertStatus.Unchanged, null);
        }

        return room.Take(isNew: false, chars - held.StoredChars) is { } tooLarge
            ? (null, UpsertStatus.Rejected, tooLarge)
            : (held, held.Replace(content, hash, now) ? UpsertStatus.Updated : UpsertStatus.Unchanged, null);
    }

    /// <summary>A valid order, its content as JSON and its hash, and the characters that JSON takes as stored (as the repository counts them).</summary>
    private sealed record ValidOrder(int Index, OrderContent Content, byte[] ContentJson, string Hash, long Chars);
}
