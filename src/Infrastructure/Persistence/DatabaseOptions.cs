namespace ChannelBridge.Infrastructure.Persistence;

public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
}

/// <summary>
/// Section <c>Database</c> plus <c>ConnectionStrings:ChannelBridge</c>. SQLite is the embedded default
/// (a file in the working directory); SQL Server is the production provider.
/// </summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "Database";
    public const string ConnectionStringName = "ChannelBridge";
    public const string DefaultSqliteConnectionString = "Data Source=channelbridge.db";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Filled from ConnectionStrings:ChannelBridge; defaults to the SQLite file for the SQLite provider.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Apply pending migration scripts at start-up.</summary>
    public bool MigrateOnStartup { get; set; } = true;
}
