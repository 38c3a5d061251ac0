using System.Reflection;
using ChannelBridge.Infrastructure.Persistence;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace ChannelBridge.Infrastructure.IntegrationTests.SqlServer;

/// <summary>
/// SQL Server cannot run here, so every T-SQL text is at least parsed: the migration scripts, and
/// every SQL statement the repositories send (the same text runs on SQLite in the contract tests).
/// </summary>
public class SqlServerScriptTests
{
    private static readonly Assembly Infrastructure = typeof(DatabaseOptions).Assembly;

    public static TheoryData<string> MigrationScripts()
    {
        var data = new TheoryData<string>();
        foreach (var name in Infrastructure.GetManifestResourceNames().Where(n => n.Contains(".Migrations.SqlServer.", StringComparison.Ordinal)))
        {
            data.Add(name);
        }

        return data;
    }

    public static TheoryData<string> RepositoryStatements()
    {
        var data = new TheoryData<string>();
        foreach (var (name, _) in IntegrationTests.RepositoryStatements.All())
        {
            data.Add(name);
        }

        return data;
    }

    [Fact]
    public void Migrations_ExistForBothProviders_WithTheSameNumbers()
    {
        string Numbers(string provider) => string.Join(",", Infrastructure.GetManifestResourceNames()
            .Where(n => n.Contains($".Migrations.{provider}.", StringComparison.Ordinal))
            .Select(n => n.Split($".Migrations.{provider}.")[1][..4]).Order());

        Numbers("SqlServer").Should().NotBeEmpty().And.Be(Numbers("Sqlite"));
    }

    [Theory]
    [MemberData(nameof(MigrationScripts))]
    public void MigrationScript_ParsesAsTSql(string resource)
    {
        using var stream = Infrastructure.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);

        Parse(reader.ReadToEnd()).Should().BeEmpty();
    }

    [Theory]
    [MemberData(nameof(RepositoryStatements))]
    public void RepositoryStatement_ParsesAsTSql(string field)
    {
        var sql = SqlDialect.SqlServer.Render(IntegrationTests.RepositoryStatements.All().Single(s => s.Name == field).Sql);

        // Select prefixes are completed with the WHERE clause the repository appends; shared filters with a SELECT list.
        if (sql.TrimStart().StartsWith("FROM", StringComparison.Ordinal))
        {
            sql = "SELECT 1 " + sql;
        }
        else if (System.Text.RegularExpressions.Regex.IsMatch(sql, @"FROM\s+\w+\s*$"))
        {
            sql += " WHERE Id = @Value";
        }

        // Dapper expands a list parameter (IN @List) to IN (@List1, @List2, …) before sending.
        sql = System.Text.RegularExpressions.Regex.Replace(sql, @"IN @(\w+)", "IN (@$1_1, @$1_2)");
        Parse(sql).Should().BeEmpty();
    }

    [Fact]
    public void Dialects_RenderTheirOwnPaging()
    {
        const string Sql = "SELECT /*TOP*/ Id FROM Stores ORDER BY Id /*LIMIT*/; SELECT /*LAST_ID*/;";

        Parse(SqlDialect.SqlServer.Render(Sql)).Should().BeEmpty();
        SqlDialect.SqlServer.Render(Sql).Should().Contain("TOP (@Limit)").And.Contain("SCOPE_IDENTITY()");
        SqlDialect.Sqlite.Render(Sql).Should().Contain("LIMIT @Limit").And.Contain("last_insert_rowid()");
    }

    [Fact]
    public void Dialects_RenderALimitOfAnotherName_InADerivedTable()
    {
        const string Sql = "SELECT /*TOP*/ c.Seq FROM (SELECT /*TOP:ScanLimit*/ Seq FROM OrderChanges ORDER BY Seq /*LIMIT:ScanLimit*/) c ORDER BY c.Seq /*LIMIT*/";

        Parse(SqlDialect.SqlServer.Render(Sql)).Should().BeEmpty();
        SqlDialect.SqlServer.Render(Sql).Should().Be("SELECT TOP (@Limit) c.Seq FROM (SELECT TOP (@ScanLimit) Seq FROM OrderChanges ORDER BY Seq ) c ORDER BY c.Seq ");
        SqlDialect.Sqlite.Render(Sql).Should().Be("SELECT  c.Seq FROM (SELECT  Seq FROM OrderChanges ORDER BY Seq LIMIT @ScanLimit) c ORDER BY c.Seq LIMIT @Limit");
    }

    [Fact]
    public void Dialects_MeasureText_AsTheServiceCountsItGoingIn()
    {
        const string Sql = "SELECT SUM(/*LENGTH*/(u.Payload) + /*LENGTH*/(DedupKey)) FROM StoreUpdates u";

        Parse(SqlDialect.SqlServer.Render(Sql)).Should().BeEmpty();
        SqlDialect.SqlServer.Render(Sql).Should().Be("SELECT SUM((DATALENGTH(u.Payload) / 2) + (DATALENGTH(DedupKey) / 2)) FROM StoreUpdates u");
        SqlDialect.Sqlite.Render(Sql).Should().Be("SELECT SUM(LENGTH(u.Payload) + LENGTH(DedupKey)) FROM StoreUpdates u");
        FluentActions.Invoking(() => SqlDialect.Sqlite.Render("SELECT /*LENGTH*/(TRIM(Payload)) FROM StoreUpdates"))
            .Should().Throw<ArgumentException>("SQL Server would read a marker left as it is as a comment");

        const string Text = "boot \U0001F525 \uD834 x\uDD1E";
        Text.Length.Should().Be(12);
        SqlDialect.SqlServer.CharsOf(Text).Should().Be(12, "UTF-16 units, as DATALENGTH / 2 counts NVARCHAR");
        SqlDialect.Sqlite.CharsOf(Text).Should().Be(11, "a pair is one character in UTF-8; a lone surrogate is stored as U+FFFD, one");
        SqlDialect.Sqlite.CharsOf("\uD83D").Should().Be(1);
        SqlDialect.Sqlite.CharsOf("ab\U0001F525\U0001F525").Should().Be(4);
    }

    [Fact]
    public void Dialects_TakeTextAsUtf8_OnlyWhereTheyStoreUtf8()
    {
        const string Sql = "UPDATE Orders SET ContentJson = /*TEXT:ContentJson*/ WHERE Id = @Id";

        Parse(SqlDialect.SqlServer.Render(Sql)).Should().BeEmpty();
        SqlDialect.SqlServer.Render(Sql).Should().Be("UPDATE Orders SET ContentJson = @ContentJson WHERE Id = @Id");
        SqlDialect.SqlServer.TextAsUtf8.Should().BeFalse("SQL Server stores NVARCHAR: it takes the string");
        SqlDialect.Sqlite.Render(Sql).Should().Be("UPDATE Orders SET ContentJson = CAST(@ContentJsonUtf8 AS TEXT) WHERE Id = @Id");
        SqlDialect.Sqlite.TextAsUtf8.Should().BeTrue();
    }

    [Fact]
    public void Parser_RejectsSqliteOnlySyntax()
    {
        Parse("SELECT Id FROM Stores LIMIT 10").Should().NotBeEmpty("the parse check must be able to fail");
    }

    private static List<string> Parse(string sql)
    {
        new TSql160Parser(initialQuotedIdentifiers: true).Parse(new StringReader(sql), out var errors);
        return [.. errors.Select(e => $"line {e.Line}: {e.Message}")];
    }
}
