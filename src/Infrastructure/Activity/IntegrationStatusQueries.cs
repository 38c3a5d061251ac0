using ChannelBridge.Application.Stores.GetIntegrations;
using ChannelBridge.Infrastructure.Persistence;
using Dapper;

namespace ChannelBridge.Infrastructure.Activity;

internal sealed class IntegrationStatusQueries(CallConnections connections) : IIntegrationStatusQueries
{
    private const string SelectIntegrations = $"""
        SELECT Id, AccountName, LinkedByOAuth, StepName, CreatedUtc, UpdatedUtc FROM {Persistence.Repositories.UserConfigRepository.LinkedToStore} ORDER BY CreatedUtc
        """;

    private const string SelectActivity = """
        SELECT a.IntegrationId, a.Family, a.LastCallUtc, a.LastEndpoint, a.LastOutcome, a.LastMs, a.LastItems, a.LastError, a.LastErrorUtc
        FROM IntegrationActivity a JOIN UserConfigs u ON u.Id = a.IntegrationId
        WHERE u.StoreId = @StoreId AND u.IsDeleted = 0
        """;

    private const string SelectCounts = """
        SELECT h.IntegrationId, h.Family, SUM(h.Calls) AS Calls, SUM(h.Problems) AS Problems
        FROM IntegrationActivityHours h JOIN UserConfigs u ON u.Id = h.IntegrationId
        WHERE u.StoreId = @StoreId AND u.IsDeleted = 0 AND h.HourUtc >= @Since
        GROUP BY h.IntegrationId, h.Family
        """;

    public async Task<IReadOnlyList<IntegrationStatusDto>> GetAsync(string storeId, DateTime activitySinceUtc, CancellationToken cancellationToken)
    {
        // Whole hours: the hour the window starts in counts (a bucket holds its whole hour).
        var since = new DateTime(activitySinceUtc.Year, activitySinceUtc.Month, activitySinceUtc.Day, activitySinceUtc.Hour, 0, 0, DateTimeKind.Utc);
        await using var connection = await connections.OpenAsync(cancellationToken);
        var integrations = (await connection.QueryAsync<IntegrationRow>(new CommandDefinition(SelectIntegrations, new { StoreId = storeId }, cancellationToken: cancellationToken))).ToList();
        var activity = (await connection.QueryAsync<ActivityRow>(new CommandDefinition(SelectActivity, new { StoreId = storeId }, cancellationToken: cancellationToken))).ToList();
        var counts = (await connection.QueryAsync<CountRow>(new CommandDefinition(SelectCounts, new { StoreId = storeId, Since = since }, cancellationToken: cancellationToken)))
            .ToDictionary(c => (c.IntegrationId, c.Family));
        return [.. integrations.Select(i => new IntegrationStatusDto
        {
            IntegrationId = i.Id,
            AccountName = i.AccountName,
            LinkedBy = i.LinkedByOAuth ? "OAuth" : "StoreKey",
            CreatedUtc = DbTime.Utc(i.CreatedUtc),
            UpdatedUtc = DbTime.Utc(i.UpdatedUtc),
            StepName = i.StepName,
            Activity = [.. activity.Where(a => a.IntegrationId == i.Id).OrderBy(a => a.Family, StringComparer.Ordinal).Select(a => new EndpointFamilyActivityDto
            {
                Family = a.Family,
                LastCallUtc = DbTime.Utc(a.LastCallUtc),
                LastEndpoint = a.LastEndpoint,
                LastOutcome = a.LastOutcome,
                LastMilliseconds = Math.Round(a.LastMs, 1),
                LastItems = a.LastItems,
                LastError = a.LastError,
                LastErrorUtc = a.LastErrorUtc is { } at ? DbTime.Utc(at) : null,
                CallsLast24Hours = (int)(counts.GetValueOrDefault((i.Id, a.Family))?.Calls ?? 0),
                ProblemsLast24Hours = (int)(counts.GetValueOrDefault((i.Id, a.Family))?.Problems ?? 0),
            })],
        })];
    }

    private sealed class IntegrationRow
    {
        public string Id { get; init; } = string.Empty;

        public string AccountName { get; init; } = string.Empty;

        public bool LinkedByOAuth { get; init; }

        public string StepName { get; init; } = string.Empty;

        public DateTime CreatedUtc { get; init; }

        public DateTime UpdatedUtc { get; init; }
    }

    private sealed class ActivityRow
    {
        public string IntegrationId { get; init; } = string.Empty;

        public string Family { get; init; } = string.Empty;

        public DateTime LastCallUtc { get; init; }

        public string LastEndpoint { get; init; } = string.Empty;

        public string LastOutcome { get; init; } = string.Empty;

        public double LastMs { get; init; }

        public int LastItems { get; init; }

        public string? LastError { get; init; }

        public DateTime? LastErrorUtc { get; init; }
    }

    private sealed class CountRow
    {
        public string IntegrationId { get; init; } = string.Empty;

        public string Family { get; init; } = string.Empty;

        public long Calls { get; init; }

        public long Problems { get; init; }
    }
}
