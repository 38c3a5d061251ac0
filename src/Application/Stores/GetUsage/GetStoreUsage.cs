using ChannelBridge.Application.Config;
using ChannelBridge.Application.Listings;
using ChannelBridge.Application.Orders;
using ChannelBridge.Application.Updates;
using ChannelBridge.Domain.Common;
using MediatR;
using Microsoft.Extensions.Options;

namespace ChannelBridge.Application.Stores.GetUsage;

/// <summary>
/// What the store holds against each of its limits (ADR-039), as the service counts it for them: a platform sees its
/// room before anything is refused, and an operator which store is near without reading the database.
/// </summary>
public sealed record GetStoreUsageQuery(string StoreId) : IChannelRequest<StoreUsageResponse>;

public sealed class StoreUsageResponse
{
    /// <summary>Orders held (Orders:MaxOrdersPerStore).</summary>
    public StoreUsageDto Orders { get; set; } = new();

    /// <summary>Characters of the orders' content (Orders:MaxOrderCharsPerStore).</summary>
    public StoreUsageDto OrderChars { get; set; } = new();

    /// <summary>Listings held (Listings:MaxListingsPerStore).</summary>
    public StoreUsageDto Listings { get; set; } = new();

    /// <summary>Characters of the listing jobs Linnworks' listing tool sent (Listings:MaxListingJobCharsPerStore).</summary>
    public StoreUsageDto ListingJobChars { get; set; } = new();

    /// <summary>Characters of the updates feed's despatches, cancellations, refunds, stock and price levels (Updates:MaxFeedCharsPerStore).</summary>
    public StoreUsageDto FeedChars { get; set; } = new();

    /// <summary>Linnworks integrations linked and not deleted (Integrations:MaxLinkedPerStore).</summary>
    public StoreUsageDto LinkedIntegrations { get; set; } = new();
}

public sealed class StoreUsageDto
{
    public long Held { get; set; }

    /// <summary>The most the store may hold; 0 when there is no limit.</summary>
    public long Limit { get; set; }
}

/// <summary>What a store holds, as counted for its limits.</summary>
public sealed record StoreHeld(long Orders, long OrderChars, long Listings, long ListingJobChars, long FeedChars, long LinkedIntegrations);

public interface IStoreUsageQueries
{
    /// <summary>What the store holds, or null when there is no such store.</summary>
    Task<StoreHeld?> GetAsync(string storeId, CancellationToken cancellationToken);
}

internal sealed class GetStoreUsageQueryHandler(
    IStoreUsageQueries queries, IOptions<OrdersOptions> orders, IOptions<ListingsOptions> listings, IOptions<UpdatesOptions> updates, IOptions<IntegrationsOptions> integrations)
    : IRequestHandler<GetStoreUsageQuery, Result<StoreUsageResponse>>
{
    public async Task<Result<StoreUsageResponse>> Handle(GetStoreUsageQuery request, CancellationToken cancellationToken)
    {
        if (await queries.GetAsync(request.StoreId, cancellationToken) is not { } held)
        {
            return Result<StoreUsageResponse>.Failure(StoreErrors.NotFound(request.StoreId));
        }

        static StoreUsageDto Of(long held, long limit) => new() { Held = held, Limit = limit };
        return new StoreUsageResponse
        {
            Orders = Of(held.Orders, orders.Value.MaxOrdersPerStore),
            OrderChars = Of(held.OrderChars, orders.Value.MaxOrderCharsPerStore),
            Listings = Of(held.Listings, listings.Value.MaxListingsPerStore),
            ListingJobChars = Of(held.ListingJobChars, listings.Value.MaxListingJobCharsPerStore),
            FeedChars = Of(held.FeedChars, updates.Value.MaxFeedCharsPerStore),
            LinkedIntegrations = Of(held.LinkedIntegrations, integrations.Value.MaxLinkedPerStore),
        };
    }
}
