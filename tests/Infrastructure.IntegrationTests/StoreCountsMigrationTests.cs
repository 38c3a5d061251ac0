using Dapper;

namespace ChannelBridge.Infrastructure.IntegrationTests;

/// <summary>A database made before stores counted their orders and listings gets each store's counts from the migrations (ADR-039).</summary>
public class StoreCountsMigrationTests
{
    [Fact]
    public void TheMigrationOfAnExistingDatabase_CountsEachStoresOrders() => ExistingDatabase.Migrate(
        "0022",
        "ALTER TABLE Stores DROP COLUMN OrderCount;",
        seed: connection =>
        {
            // Two stores, one with three orders.
            ExistingDatabase.InsertStore(connection, "busy");
            ExistingDatabase.InsertStore(connection, "new");
            foreach (var reference in new[] { "A", "B", "C" })
            {
                connection.Execute(
                    """
                    INSERT INTO Orders (StoreId, ReferenceNumber, ContentJson, ContentHash, PaymentStatus, ReceivedDate, FirstSeenUtc, LastChangedUtc, Status, PostSaleJson, Version)
                    VALUES ('busy', @reference, '{}', 'h', 'PAID', '2026-01-01', '2026-01-01', '2026-01-01', 0, '{}', 1)
                    """,
                    new { reference });
            }
        },
        check: migrated => migrated.Query<(string, long)>("SELECT Id, OrderCount FROM Stores ORDER BY Id").Should().Equal(("busy", 3L), ("new", 0L)));

    [Fact]
    public void TheMigrationOfAnExistingDatabase_CountsTheCharactersOfEachStoresOrders() => ExistingDatabase.Migrate(
        "0025",
        "ALTER TABLE Stores DROP COLUMN OrderChars;",
        seed: connection =>
        {
            // One order with its characters written, one from before the column (NULL: its JSON's length counts).
            ExistingDatabase.InsertStore(connection, "busy");
            ExistingDatabase.InsertStore(connection, "new");
            foreach (var (reference, json, chars) in new[] { ("A", "{\"a\":\"12345\"}", (long?)13), ("B", "{\"b\":1}", null) })
            {
                connection.Execute(
                    """
                    INSERT INTO Orders (StoreId, ReferenceNumber, ContentJson, ContentChars, ContentHash, PaymentStatus, ReceivedDate, FirstSeenUtc, LastChangedUtc, Status, PostSaleJson, Version)
                    VALUES ('busy', @reference, @json, @chars, 'h', 'PAID', '2026-01-01', '2026-01-01', '2026-01-01', 0, '{}', 1)
                    """,
                    new { reference, json, chars });
            }
        },
        check: migrated => migrated.Query<(string, long)>("SELECT Id, OrderChars FROM Stores ORDER BY Id").Should().Equal(("busy", 20L), ("new", 0L)));

    [Fact]
    public void TheMigrationOfAnExistingDatabase_CountsTheCharactersOfEachStoresListingJobs() => ExistingDatabase.Migrate(
        "0026",
        "ALTER TABLE Stores DROP COLUMN ListingJobChars;",
        seed: connection =>
        {
            // A listing feed's listing (13 characters) and its job on the updates feed (11), beside a despatch (not a job).
            ExistingDatabase.InsertStore(connection, "busy");
            ExistingDatabase.InsertStore(connection, "new");
            connection.Execute("INSERT INTO ListingFeeds (FeedId, StoreId, IntegrationId, Kind, DedupKey, CreatedUtc) VALUES ('lf_1', 'busy', 'i', 'Create', 'd', '2026-01-01')");
            connection.Execute("""INSERT INTO ListingFeedItems (FeedId, Position, SKU, TemplateId, ListingJson) VALUES ('lf_1', 0, 'A', 1, '{"SKU":"A-1"}')""");
            connection.Execute("""
                INSERT INTO StoreUpdates (StoreId, Seq, Type, ReceivedUtc, Payload, DedupKey)
                VALUES ('busy', 1, 'ListingCreate', '2026-01-01', '{"SKU":"A"}', 'k1'), ('busy', 2, 'Despatch', '2026-01-01', '{"Tracking":"T"}', 'k2')
                """);
        },
        check: migrated => migrated.Query<(string, long)>("SELECT Id, ListingJobChars FROM Stores ORDER BY Id").Should().Equal(("busy", 24L), ("new", 0L)));

    [Fact]
    public void TheMigrationOfAnExistingDatabase_CountsTheCharactersOfEachStoresFeed() => ExistingDatabase.Migrate(
        "0027",
        "ALTER TABLE Stores DROP COLUMN FeedChars;",
        seed: connection =>
        {
            // A despatch (16 + 2 characters) and a stock level (11 + 3) beside a listing job, counted with its listing feed.
            ExistingDatabase.InsertStore(connection, "busy");
            ExistingDatabase.InsertStore(connection, "new");
            connection.Execute("""
                INSERT INTO StoreUpdates (StoreId, Seq, Type, ReceivedUtc, Payload, DedupKey)
                VALUES ('busy', 1, 'ListingCreate', '2026-01-01', '{"SKU":"A"}', 'k1'), ('busy', 2, 'Despatch', '2026-01-01', '{"Tracking":"T"}', 'k2'),
                       ('busy', 3, 'Inventory', '2026-01-01', '{"SKU":"A"}', 'k33')
                """);
        },
        check: migrated => migrated.Query<(string, long)>("SELECT Id, FeedChars FROM Stores ORDER BY Id").Should().Equal(("busy", 32L), ("new", 0L)));

    [Fact]
    public void TheMigrationOfAnExistingDatabase_CountsEachStoresJobAndFeedCharactersAgain_AsTheDeletesMeasureThem() => ExistingDatabase.Migrate(
        "0031",
        "UPDATE Stores SET ListingJobChars = 30, FeedChars = 99;",
        seed: connection =>
        {
            // Counts left high by the .NET measure: a listing with an emoji in its title (18 characters in SQLite, 19 UTF-16
            // units) and its job (11), and a despatch (16 + 2).
            ExistingDatabase.InsertStore(connection, "busy");
            ExistingDatabase.InsertStore(connection, "new");
            connection.Execute("INSERT INTO ListingFeeds (FeedId, StoreId, IntegrationId, Kind, DedupKey, CreatedUtc) VALUES ('lf_1', 'busy', 'i', 'Create', 'd', '2026-01-01')");
            connection.Execute("INSERT INTO ListingFeedItems (FeedId, Position, SKU, TemplateId, ListingJson) VALUES ('lf_1', 0, 'A', 1, @json)", new { json = "{\"Title\":\"Boot \U0001F525\"}" });
            connection.Execute("""
                INSERT INTO StoreUpdates (StoreId, Seq, Type, ReceivedUtc, Payload, DedupKey)
                VALUES ('busy', 1, 'ListingCreate', '2026-01-01', '{"SKU":"A"}', 'k1'), ('busy', 2, 'Despatch', '2026-01-01', '{"Tracking":"T"}', 'k2')
                """);
        },
        check: migrated => migrated.Query<(string, long, long)>("SELECT Id, ListingJobChars, FeedChars FROM Stores ORDER BY Id")
            .Should().Equal(("busy", 29L, 18L), ("new", 0L, 0L)));

    [Fact]
    public void TheMigrationOfAnExistingDatabase_CountsEachStoresListings() => ExistingDatabase.Migrate(
        "0023",
        "ALTER TABLE Stores DROP COLUMN ListingCount;",
        seed: connection =>
        {
            ExistingDatabase.InsertStore(connection, "busy");
            ExistingDatabase.InsertStore(connection, "new");
            foreach (var sku in new[] { "A", "B" })
            {
                connection.Execute(
                    "INSERT INTO Listings (StoreId, SKU, Title, Quantity, Price, Reference, UpdatedUtc, Version) VALUES ('busy', @sku, 'T', 1, 1, @sku, '2026-01-01', 1)", new { sku });
            }
        },
        check: migrated => migrated.Query<(string, long)>("SELECT Id, ListingCount FROM Stores ORDER BY Id").Should().Equal(("busy", 2L), ("new", 0L)));
}
