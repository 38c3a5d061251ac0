using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;

namespace ChannelBridge.Infrastructure.Persistence;

/// <summary>
/// The one unique-key violation check per provider, and only unique keys: SQLite's extended codes for UNIQUE
/// (2067) and PRIMARY KEY (1555) — not every constraint (code 19 also covers NOT NULL, CHECK and foreign keys) —
/// and SQL Server's duplicate key in a unique index (2601) or constraint (2627).
/// </summary>
internal static class UniqueKey
{
    public static bool IsViolation(Exception exception) => exception switch
    {
        SqliteException sqlite => sqlite.SqliteExtendedErrorCode is 2067 or 1555,
        SqlException sql => sql.Number is 2601 or 2627,
        _ => false,
    };
}
