using ChannelBridge.Domain.Common;
using ChannelBridge.Domain.Stores;
using MediatR;

namespace ChannelBridge.Application.Stores.GetIntegrations;

/// <summary>
/// The store's Linnworks integrations and what Linnworks last did with each — the first place to look when a
/// seller says "my orders are not in Linnworks". Activity is written about once a minute, so it may be that far behind.
/// </summary>
public sealed record GetStoreIntegrationsQuery(string StoreId) : IChannelRequest<StoreIntegrationsResponse>;

public sealed class StoreIntegrationsResponse
{
    public IReadOnlyList<IntegrationStatusDto> Integrations { get; set; } = [];
}

public sealed class IntegrationStatusDto
{
    public string IntegrationId { get; set; } = string.Empty;

    public string AccountName { get; set; } = string.Empty;

    /// <summary>StoreKey (entered in the wizard) or OAuth.</summary>
    public string LinkedBy { get; set; } = string.Empty;

    public DateTime CreatedUtc { get; set; }

    public DateTime UpdatedUtc { get; set; }

    /// <summary>The wizard step, or UserConfig once complete.</summary>
    public string StepName { get; set; } = string.Empty;

    public IReadOnlyList<EndpointFamilyActivityDto> Activity { get; set; } = [];
}

public sealed class EndpointFamilyActivityDto
{
    /// <summary>Config, Orders, PostSale, Products, StockAndPrice or ListingTool.</summary>
    public string Family { get; set; } = string.Empty;

    public DateTime LastCallUtc { get; set; }

    public string LastEndpoint { get; set; } = string.Empty;

    /// <summary>success, rejected, unauthenticated, rate_limited, blocked, scope, retry, deadline or error.</summary>
    public string LastOutcome { get; set; } = string.Empty;

    public double LastMilliseconds { get; set; }

    public int LastItems { get; set; }

    public string? LastError { get; set; }

    public DateTime? LastErrorUtc { get; set; }

    public int CallsLast24Hours { get; set; }

    public int ProblemsLast24Hours { get; set; }
}

public interface IIntegrationStatusQueries
{
    Task<IReadOnlyList<IntegrationStatusDto>> GetAsync(string storeId, DateTime activitySinceUtc, CancellationToken cancellationToken);
}

internal sealed class GetStoreIntegrationsQueryHandler(IStoreRepository stores, IIntegrationStatusQueries queries, TimeProvider time)
    : IRequestHandler<GetStoreIntegrationsQuery, Result<StoreIntegrationsResponse>>
{
    public async Task<Result<StoreIntegrationsResponse>> Handle(GetStoreIntegrationsQuery request, CancellationToken cancellationToken) =>
        await stores.GetByIdAsync(request.StoreId, cancellationToken) is null
            ? Result<StoreIntegrationsResponse>.Failure(Error.NotFound($"Store '{request.StoreId}' was not found."))
            : new StoreIntegrationsResponse { Integrations = await queries.GetAsync(request.StoreId, time.GetUtcNow().UtcDateTime.AddHours(-24), cancellationToken) };
}
