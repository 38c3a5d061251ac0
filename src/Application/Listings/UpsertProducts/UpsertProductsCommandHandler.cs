using ChannelBridge.Application.Common;
using ChannelBridge.Application.Common.Ports;
using ChannelBridge.Application.Stores;
using ChannelBridge.Domain.Common;
using ChannelBridge.Domain.Listings;
using ChannelBridge.Domain.Stores;
using MediatR;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChannelBridge.Application.Listings.UpsertProducts;

/// <summary>Validates each listing on its own (a bad one is rejected, the rest stored) and stores the new and changed ones in one transaction.</summary>
internal sealed class UpsertProductsCommandHandler(
    IListingRepository listings, IStoreRepository stores, IStoreWriteLock storeLock, TimeProvider time,
    IOptions<ListingsOptions> options, OncePerMinuteLogLines logLines, ILogger<UpsertProductsCommandHandler> logger)
    : IRequestHandler<UpsertProductsCommand, Result<UpsertProductsResponse>>
{
    private readonly StoreLimit _limit = StoreLimit.Listings(options.Value.MaxListingsPerStore);

    public async Task<Result<UpsertProductsResponse>> Handle(UpsertProductsCommand request, CancellationToken cancellationToken)
    {
        if (await stores.GetByIdAsync(request.StoreId, cancellationToken) is null)
        {
            return Result<UpsertProductsResponse>.Failure(Error.NotFound($"Store '{request.StoreId}' was not found."));
        }

        var results = new ProductUpsertResult[request.Products!.Count];
        var valid = Validate(request.Products, results);
        return await ConflictRetry.RunAsync(
            async () =>
            {
                await StoreAsync(request.StoreId, valid, results, cancellationToken);
                return new UpsertProductsResponse { Results = results };
            },
            storeLock,
            request.StoreId,
            "Some of these products were being changed at the same time. Retry the batch.",
            cancellationToken);
    }

    /// <summary>The listings that pass their rules (a SKU only once per batch); each other one is answered Rejected in <paramref name="results"/>.</summary>
    private static List<(int Index, ListingData Data)> Validate(IReadOnlyList<ProductDto?> products, ProductUpsertResult[] results)
    {
        var valid = new List<(int Index, ListingData Data)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < products.Count; i++)
        {
            var p = products[i];
            var data = p is null
                ? Result<ListingData>.Failure(Error.Validation("The product is null."))
                : Listing.Validate(p.SKU, p.Title, p.Quantity, p.Price, p.Reference);
            if (data.TryGetValue(out var d) && !seen.Add(d.SKU))
            {
                data = Result<ListingData>.Failure(Error.Validation($"SKU '{d.SKU}' appears more than once in this batch."));
            }

            if (data.TryGetValue(out d))
            {
                valid.Add((i, d));
            }
            else
            {
                results[i] = new ProductUpsertResult { SKU = p?.SKU, Status = UpsertStatus.Rejected, Errors = [.. data.Errors.Select(e => e.Message)] };
            }
        }

        return valid;
    }

    /// <summary>
    /// Creates or replaces each valid listing against what is stored now, and saves the new and changed ones together; a
    /// new SKU past the store's room under its limit (<see cref="StoreLimit"/>) is answered Rejected instead.
    /// </summary>
    private async Task StoreAsync(string storeId, List<(int Index, ListingData Data)> valid, ProductUpsertResult[] results, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var existing = await listings.GetBySkusAsync(storeId, [.. valid.Select(v => v.Data.SKU)], cancellationToken);
        var room = existing.Count < valid.Count ? _limit.RoomFor(await listings.CountAsync(storeId, cancellationToken)) : 0;
        var (changed, refused) = (new List<Listing>(), 0);
        foreach (var (index, data) in valid)
        {
            var status = UpsertStatus.Created;
            if (existing.TryGetValue(data.SKU, out var listing))
            {
                status = listing.Replace(data, now) ? UpsertStatus.Updated : UpsertStatus.Unchanged;
            }
            else if (room-- <= 0)
            {
                results[index] = new ProductUpsertResult { SKU = data.SKU, Status = UpsertStatus.Rejected, Errors = [_limit.Reached] };
                refused++;
                continue;
            }
            else
            {
                listing = Listing.Create(storeId, data, now);
            }

            if (status != UpsertStatus.Unchanged)
            {
                changed.Add(listing);
            }

            results[index] = new ProductUpsertResult { SKU = data.SKU, Status = status };
        }

        logLines.Refused(logger, _limit, storeId, refused);
        await listings.SaveAsync(changed, [], cancellationToken);
    }
}
