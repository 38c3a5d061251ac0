using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace ChannelBridge.Infrastructure.IntegrationTests;

/// <summary>
/// Every node looks for a webhook to deliver every second. With none due, the look must not take SQLite's one write
/// lock, which every seller's despatches and stock updates wait for: it is a read, and a claim writes only a store found.
/// </summary>
public class WebhookClaimTests(SqliteDatabaseFixture database) : IClassFixture<SqliteDatabaseFixture>
{
    [Fact]
    public async Task LookingForAWebhookToDeliver_WithNoneDue_DoesNotWaitForTheWriteLock()
    {
        await using var other = new SqliteConnection($"Data Source={database.DatabasePath}");
        await other.OpenAsync();
        await using var writer = other.BeginTransaction(deferred: false);   // BEGIN IMMEDIATE: another writer holds the lock

        var clock = Stopwatch.StartNew();
        var lease = await database.Webhooks.TryClaimAsync("node-a", TimeSpan.FromMinutes(1), default);

        lease.Should().BeNull();
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(1), "a claim that found nothing has nothing to write");
    }
}
