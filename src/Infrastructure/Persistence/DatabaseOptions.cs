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

    /// <summary>
    /// SQLite only: how often a background service copies the write-ahead log into the database file (a PASSIVE
    /// checkpoint), so that the write answering Linnworks does not (ADR-012). Zero or less leaves checkpoints to
    /// SQLite, which runs one inside the commit that takes the log past 1,000 pages.
    /// </summary>
    public TimeSpan SqliteCheckpointInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// SQLite only: the most the database file may hold, in megabytes, and so may its paging file (0, the default: as much as
    /// their volume has room for).
    /// Past it a write fails as on a full disk: answered "retry" with nothing changed, and the health check shows it
    /// (<c>DatabaseTransientFailures</c>). A cap below the volume's free space keeps room for the write-ahead log, the
    /// checkpoint and the host's own logs, so the service reads on and the operator has room to act.
    /// </summary>
    [System.ComponentModel.DataAnnotations.Range(0, int.MaxValue)]
    public int SqliteMaxSizeMegabytes { get; set; }

    /// <summary>
    /// SQLite only: more than one process serves Linnworks from this file at once (two behind one balancer, as during an
    /// overlapping deploy). Each then pages download runs as SQL Server nodes do (ADR-005, ADR-010): every page after the
    /// first reads its run from the paging file, and every page is answered once its end is written there, so a page
    /// another process served, or a run it began again, is followed. Off (one process): a process goes on with the runs it
    /// remembers, and writes page ends behind the answers.
    /// </summary>
    public bool SqliteSharedByProcesses { get; set; }

    /// <summary>Whether other nodes may serve pages of the download runs this one serves (<see cref="SqliteSharedByProcesses"/>; always on SQL Server).</summary>
    internal bool NodesShareDownloadRuns => Provider == DatabaseProvider.SqlServer || SqliteSharedByProcesses;

    /// <summary>
    /// With the background checkpoint on, a commit still checkpoints itself once the log passes this many pages
    /// (about 40 MB): a backstop should the background service stop or fall behind.
    /// </summary>
    internal const int SqliteCheckpointBackstopPages = 10_000;

    internal bool BackgroundCheckpoint => Provider == DatabaseProvider.Sqlite && SqliteCheckpointInterval > TimeSpan.Zero;
}
