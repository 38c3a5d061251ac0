using ChannelBridge.Application.Stores.GetUsage;
using Dapper;

namespace ChannelBridge.Infrastructure.Persistence.Queries;

/// <summary>A store's counts as its limits read them (ADR-039): its row's, kept as rows are written, and its linked integrations counted.</summary>
internal sealed class StoreUsageQueries(CallConnections connections) : IStoreUsageQueries
{
    private const string SelectHeld = $"""
        SELECT OrderCount AS Orders, OrderChars, ListingCount AS Listings, ListingJobChars, FeedChars,
               (SELECT CAST(COUNT(*) AS BIGINT) FROM {Repositories.UserConfigRepository.LinkedToStore}) AS LinkedIntegrations
        FROM Stores WHERE Id = @StoreId
        """;

    public async Task<StoreHeld?> GetAsync(string storeId, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<StoreHeld>(new CommandDefinition(SelectHeld, new { StoreId = storeId }, cancellationToken: cancellationToken));
    }
}
