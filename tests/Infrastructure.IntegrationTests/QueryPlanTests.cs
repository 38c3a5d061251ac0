using System.Text.RegularExpressions;
using ChannelBridge.Infrastructure.Persistence;
using Microsoft.Data.Sqlite;

namespace ChannelBridge.Infrastructure.IntegrationTests;

/// <summary>
/// Every repository statement as SQLite plans it in the service, which gathers no statistics (ADR-046): the plan on a
/// migrated database is the plan at any size. None reads a table whole but those that mean to, each named here with
/// why; a statement added that scans a table fails here until it uses an index or joins this list with its reason. A join
/// whose order decides its cost has a case of its own here.
/// </summary>
public sealed partial class QueryPlanTests(SqliteDatabaseFixture database) : IClassFixture<SqliteDatabaseFixture>
{
    private static readonly Dictionary<string, string> ReadWhole = new(StringComparer.Ordinal)
    {
        ["StoreRepository.SelectStore"] = "a prefix: each use appends its WHERE",
        ["UserConfigRepository.SelectUserConfig"] = "a prefix: each use appends its WHERE",
        ["ListingFeedRepository.SelectFeed"] = "a prefix: each use appends its WHERE",
        ["PersonalDataRepository.SelectRetentions"] = "the personal-data sweep visits every store",
        ["WebhookRepository.CountDisabled"] = "a gauge over the stores' webhooks, one row a store",
        ["DatabaseXmlRepository.SelectKeys"] = "the Data Protection key ring, a few keys",
        ["KeyRingReencryption.SelectEntries"] = "the key ring again, read at start to seal its entries under the current key",
        ["ListingCatalogRepository.RetireSets"] = "category sets: a few versions of the channel's catalogue",
        ["ListingCatalogRepository.DeleteOldCategories"] = "category sets, as above",
        ["ListingCatalogRepository.DeleteOldSets"] = "category sets, as above",
        ["ListingFeedPruner.SelectDone"] = "background, outside the write lock (ADR-031), in feed order from the oldest",
        ["UnusedIntegrationSweeper.SelectUnused"] = "background, outside the write lock (ADR-031), in integration order",
        ["LiveOrderRuns.SelectReachingBack"] = "the paging state's runs, read outside the write lock (ADR-005): 6 ms at 20,000 runs",
    };

    [Fact]
    public void NoStatement_ReadsATableWhole_ButThoseThatMeanTo()
    {
        var scanning = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, sql) in Statements())
        {
            foreach (var form in new[] { KeySetAsJson(sql), KeySetAsList(sql) })
            {
                var plan = Plan(form);
                if (plan.FirstOrDefault(step => TableScan(step, plan)) is { } scan)
                {
                    scanning[name] = scan;
                }
            }
        }

        scanning.Keys.Should().BeEquivalentTo(ReadWhole.Keys, $"these read a table whole: {string.Join("; ", scanning.Select(s => $"{s.Key}: {s.Value}"))}");
    }

    /// <summary>
    /// The change log's deletes read the window's changes first, by their numbers, and find their orders' earlier changes
    /// by order. Begun from the other end, a delete read every change of a store below where its live run begins, once a
    /// window: quadratic in the store's changes (docs/performance.md, "The change log's pruning under a live run").
    /// </summary>
    [Theory]
    [InlineData("ChangeLogPruner.DeleteSuperseded")]
    [InlineData("ChangeLogPruner.DeleteSupersededBeforeTheRuns")]
    [InlineData("ChangeLogPruner.DeleteSupersededBeforeEveryRun")]
    public void EachChangeLogDelete_ReadsTheWindowFirst_AndTheEarlierChangesOfItsOrdersByOrder(string statement)
    {
        var sql = RepositoryStatements.All().Single(s => s.Name == statement).Sql;

        var plan = Plan(KeySetAsJson(SqlDialect.Sqlite.Render(sql)))
            .Where(d => d.StartsWith("SEARCH n ", StringComparison.Ordinal) || d.StartsWith("SEARCH c ", StringComparison.Ordinal)).ToList();

        plan.Should().HaveCount(2);
        plan[0].Should().Be("SEARCH n USING INTEGER PRIMARY KEY (rowid>? AND rowid<?)", "the window's changes, by their numbers, are the outer loop");
        plan[1].Should().StartWith("SEARCH c USING").And.Contain("IX_OrderChanges_OrderId_Seq (OrderId=?", "each order's earlier changes are found by order, not by store");
    }

    /// <summary>A step that reads a table whole: a SCAN of a table, not of a subquery's rows, a JSON array's or a constant row.</summary>
    private static bool TableScan(string step, IReadOnlyList<string> plan) =>
        ScanStep().Match(step) is { Success: true } scan
        && scan.Groups[1].Value is not ("json_each" or "CONSTANT")
        && !plan.Contains($"CO-ROUTINE {scan.Groups[1].Value}")
        && !plan.Contains($"MATERIALIZE {scan.Groups[1].Value}");

    private IReadOnlyList<string> Plan(string sql)
    {
        SqliteException? last = null;
        foreach (var connectionString in new[] { $"Data Source={database.DatabasePath}", database.Connections.PagingConnectionString })
        {
            using var connection = new SqliteConnection(connectionString);
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "EXPLAIN QUERY PLAN " + sql;
            try
            {
                using var reader = command.ExecuteReader();
                var steps = new List<string>();
                while (reader.Read())
                {
                    steps.Add(reader.GetString(3));
                }

                return steps;
            }
            catch (SqliteException ex) when (ex.Message.Contains("no such table", StringComparison.Ordinal))
            {
                last = ex; // a statement of the other file (the paging state's, ADR-021)
            }
        }

        throw last!;
    }

    private static IEnumerable<(string Name, string Sql)> Statements() =>
        RepositoryStatements.All()
            .Where(s => !s.Sql.Contains("SYSUTCDATETIME", StringComparison.Ordinal)) // SQL Server's clock only
            .Select(s => (s.Name, Completed(SqlDialect.Sqlite.Render(s.Sql))));

    /// <summary>Shared filters (a FROM and its WHERE) given a SELECT list, as the statements that use them do.</summary>
    private static string Completed(string sql) => sql.TrimStart().StartsWith("FROM", StringComparison.Ordinal) ? "SELECT 1 " + sql : sql;

    private static string KeySetAsJson(string sql) => KeySet().Replace(sql, "IN (SELECT value FROM json_each(@$1))");

    private static string KeySetAsList(string sql) => KeySet().Replace(sql, "IN (@${1}1, @${1}2)");

    [GeneratedRegex(@"IN @(\w+)")]
    private static partial Regex KeySet();

    [GeneratedRegex(@"^SCAN (\w+)")]
    private static partial Regex ScanStep();
}
