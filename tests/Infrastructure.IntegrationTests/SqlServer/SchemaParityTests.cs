using ChannelBridge.Infrastructure.Persistence;
using ChannelBridge.Tests;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace ChannelBridge.Infrastructure.IntegrationTests.SqlServer;

/// <summary>
/// The two migration sets describe one schema: the SQL Server scripts, read with ScriptDom (tables, columns,
/// nullability and collations after every script), against the SQLite database they really build.
/// </summary>
public sealed class SchemaParityTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"channelbridge-schema-{Guid.NewGuid():N}.db");

    [Fact]
    public void BothProviders_HaveTheSameTablesColumnsAndNullability()
    {
        var sqlServer = SqlServerSchema();
        var sqlite = SqliteSchema();

        sqlServer.Keys.Should().BeEquivalentTo(sqlite.Keys, "the same tables");
        foreach (var (table, columns) in sqlite)
        {
            sqlServer[table].Select(c => (c.Key, c.Value.Nullable)).Should().BeEquivalentTo(columns.Select(c => (c.Key, c.Value)), $"table {table}");
        }
    }

    [Theory]
    [InlineData("Listings", "SKU")]
    [InlineData("Orders", "ReferenceNumber")]
    public void KeysLinnworksMatchesExactly_UseABinaryCollationOnSqlServer(string table, string column) =>
        SqlServerSchema()[table][column].Collation.Should().Be("Latin1_General_100_BIN2", "the default collation is case- and width-insensitive");

    public void Dispose()
    {
        SqliteFiles.Delete(_path);
    }

    private Dictionary<string, Dictionary<string, bool>> SqliteSchema()
    {
        var factory = new DbConnectionFactory(Options.Create(new DatabaseOptions { ConnectionString = $"Data Source={_path}" }));
        new DatabaseMigrator(factory, NullLogger<DatabaseMigrator>.Instance).Migrate();

        // On SQLite the paging state is a file of its own beside the database (ADR-021): one schema, two files.
        var schema = new Dictionary<string, Dictionary<string, bool>>(StringComparer.OrdinalIgnoreCase);
        foreach (var file in new[] { factory.ConnectionString, factory.PagingConnectionString })
        {
            using var connection = new SqliteConnection(file);
            foreach (var table in connection.Query<string>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'SchemaVersions'"))
            {
                schema.Add(table, connection.Query<(long Cid, string Name, string Type, long NotNull, object? Default, long Pk)>($"PRAGMA table_info({table})")
                    .ToDictionary(c => c.Name, c => c.NotNull == 0 && c.Pk == 0));
            }
        }

        return schema;
    }

    private static Dictionary<string, Dictionary<string, (bool Nullable, string? Collation)>> SqlServerSchema()
    {
        var assembly = typeof(DatabaseOptions).Assembly;
        var schema = new Dictionary<string, Dictionary<string, (bool, string?)>>(StringComparer.OrdinalIgnoreCase);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.Contains(".Migrations.SqlServer.", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var reader = new StreamReader(assembly.GetManifestResourceStream(resource)!);
            var script = new TSql160Parser(initialQuotedIdentifiers: true).Parse(reader, out var errors);
            errors.Should().BeEmpty(resource);
            script.Accept(new SchemaVisitor(schema));
        }

        return schema;
    }

    private sealed class SchemaVisitor(Dictionary<string, Dictionary<string, (bool Nullable, string? Collation)>> schema) : TSqlFragmentVisitor
    {
        public override void Visit(CreateTableStatement node)
        {
            var columns = schema[node.SchemaObjectName.BaseIdentifier.Value] = new(StringComparer.OrdinalIgnoreCase);
            var primaryKey = node.Definition.TableConstraints.OfType<UniqueConstraintDefinition>().Where(c => c.IsPrimaryKey)
                .SelectMany(c => c.Columns.Select(k => k.Column.MultiPartIdentifier.Identifiers[^1].Value)).ToHashSet(StringComparer.OrdinalIgnoreCase);
            foreach (var column in node.Definition.ColumnDefinitions)
            {
                columns[column.ColumnIdentifier.Value] = (Nullable(column) && !primaryKey.Contains(column.ColumnIdentifier.Value), column.Collation?.Value);
            }
        }

        public override void Visit(AlterTableAddTableElementStatement node)
        {
            foreach (var column in node.Definition.ColumnDefinitions)
            {
                schema[node.SchemaObjectName.BaseIdentifier.Value][column.ColumnIdentifier.Value] = (Nullable(column), column.Collation?.Value);
            }
        }

        public override void Visit(AlterTableAlterColumnStatement node) =>
            schema[node.SchemaObjectName.BaseIdentifier.Value][node.ColumnIdentifier.Value] =
                (node.AlterTableAlterColumnOption != AlterTableAlterColumnOption.NotNull, node.Collation?.Value);   // ALTER COLUMN without NOT NULL makes it nullable

        private static bool Nullable(ColumnDefinition column) =>
            !column.Constraints.Any(c => c is NullableConstraintDefinition { Nullable: false } || c is UniqueConstraintDefinition { IsPrimaryKey: true });
    }
}
