using System.Diagnostics;
using ChannelBridge.Infrastructure.Persistence;
using Dapper;
using Microsoft.Data.Sqlite;

namespace ChannelBridge.Infrastructure.IntegrationTests;

/// <summary>
/// Every node looks for a webhook to deliver every second. With none due, the look must not take SQLite's one write
/// lock, which every seller's despatches and stock updates wait for: it is a read, and a claim writes only a store found.
/// It reads only the webhooks marked pending; a database made before the mark gets it from its migration.
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
        var lease = await database.Webhooks.TryClaimAsync("node-a", TimeSpan.FromMinutes(1), Webhooks.WebhookRepository.DeliveryLane.Any, default);

        lease.Should().BeNull();
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(1), "a claim that found nothing has nothing to write");
    }

    [Fact]
    public void TheMigrationOfAnExistingDatabase_MarksTheWebhooksWithUpdatesPastTheirCursor_AndOnlyThose() => ExistingDatabase.Migrate(
        "0020",
        // The database as migration 0020 finds it: no mark, the old index.
        """
        DROP INDEX IX_StoreWebhooks_Pending_NextAttemptUtc;
        ALTER TABLE StoreWebhooks DROP COLUMN Pending;
        CREATE INDEX IX_StoreWebhooks_NextAttemptUtc ON StoreWebhooks (NextAttemptUtc);
        """,
        seed: connection =>
        {
            // Two stores' webhooks, one delivered up to date, one behind.
            foreach (var (store, delivered) in new[] { ("up-to-date", 2), ("behind", 1) })
            {
                ExistingDatabase.InsertStore(connection, store);
                var ids = Enumerable.Range(1, 2).Select(i => connection.ExecuteScalar<long>(
                    "INSERT INTO StoreUpdates (StoreId, Seq, Type, ReceivedUtc, Payload, DedupKey) VALUES (@store, @i, 'Despatch', '2026-01-01', '{}', @key); SELECT @i;",
                    new { store, i, key = "k" + i })).ToList();
                connection.Execute(
                    "INSERT INTO StoreWebhooks (StoreId, Url, SecretCipher, DeliveredCursor, Attempts, NextAttemptUtc, UpdatedUtc) VALUES (@store, 'https://example.com/h', 'x', @cursor, 0, '2026-01-01', '2026-01-01')",
                    new { store, cursor = ids[delivered - 1] });
            }
        },
        check: migrated => migrated.Query<(string, long)>("SELECT StoreId, Pending FROM StoreWebhooks ORDER BY StoreId").Should().Equal(("behind", 1L), ("up-to-date", 0L)));

    [Fact]
    public void EveryStatementThatAppendsToAFeed_IsStoreFeedAppends_WhichMarksTheWebhook()
    {
        var appends = typeof(DatabaseOptions).Assembly.GetTypes()
            .SelectMany(t => t.GetFields(System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static))
            .Where(f => f is { IsLiteral: true } && f.FieldType == typeof(string)
                && System.Text.RegularExpressions.Regex.IsMatch((string)f.GetRawConstantValue()!, @"INSERT\s+INTO\s+StoreUpdates\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase))
            .Select(f => f.DeclaringType!.Name)
            .ToList();

        appends.Should().NotBeEmpty().And.OnlyContain(t => t == "StoreFeedAppend", "an update appended elsewhere would not mark its webhook, and would wait for the next one");
    }
}
