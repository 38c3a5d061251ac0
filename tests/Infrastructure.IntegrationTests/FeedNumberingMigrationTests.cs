using Dapper;

namespace ChannelBridge.Infrastructure.IntegrationTests;

/// <summary>A database made when the feed's cursors were the table's ids gets each store's own numbering (ADR-041).</summary>
public class FeedNumberingMigrationTests
{
    [Fact]
    public void TheMigrationOfAnExistingDatabase_KeepsEveryCursor_AndNumbersEachStorePastAllItHasSeen() => ExistingDatabase.Migrate(
        "0024",
        """
        DROP INDEX UX_StoreUpdates_StoreId_Seq;
        ALTER TABLE StoreUpdates DROP COLUMN Seq;
        CREATE INDEX IX_StoreUpdates_StoreId_Id ON StoreUpdates (StoreId, Id);
        ALTER TABLE Stores DROP COLUMN FeedSeq;
        """,
        seed: connection =>
        {
            // Ids 1-8 over four stores, then deleted as acknowledgement and retention would: "pruned" keeps none of its
            // updates but its acknowledged cursor (6), "hooked" none but its webhook's delivered cursor (8).
            foreach (var store in new[] { "busy", "quiet", "pruned", "hooked", "new" })
            {
                ExistingDatabase.InsertStore(connection, store);
            }

            foreach (var (store, id) in new[] { ("busy", 1), ("quiet", 2), ("busy", 3), ("quiet", 4), ("busy", 5), ("pruned", 6), ("busy", 7), ("hooked", 8) })
            {
                connection.Execute(
                    "INSERT INTO StoreUpdates (Id, StoreId, Type, ReceivedUtc, Payload, DedupKey) VALUES (@id, @store, 'Despatch', '2026-01-01', '{}', @key)",
                    new { id, store, key = "k" + id });
            }

            connection.Execute("INSERT INTO StoreFeedCursors (StoreId, AckedCursor) VALUES ('pruned', 6), ('quiet', 2)");
            connection.Execute("INSERT INTO StoreWebhooks (StoreId, Url, SecretCipher, DeliveredCursor, Attempts, NextAttemptUtc, UpdatedUtc) VALUES ('hooked', 'https://example.com/h', 'x', 8, 0, '2026-01-01', '2026-01-01')");
            connection.Execute("DELETE FROM StoreUpdates WHERE Id IN (6, 8)");
        },
        check: migrated =>
        {
            migrated.Query<(long, long)>("SELECT Id, Seq FROM StoreUpdates ORDER BY Id").Should().OnlyContain(r => r.Item1 == r.Item2, "a platform's stored cursor names the same update");
            migrated.Query<(string, long)>("SELECT Id, FeedSeq FROM Stores ORDER BY Id").Should().Equal(("busy", 7L), ("hooked", 8L), ("new", 0L), ("pruned", 6L), ("quiet", 4L));
        });
}
