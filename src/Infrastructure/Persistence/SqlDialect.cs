namespace ChannelBridge.Infrastructure.Persistence;

/// <summary>
/// The few places the two providers' SQL differs, written as markers inside otherwise shared SQL:
/// <c>/*TOP*/</c> after SELECT, <c>/*LIMIT*/</c> at the end, <c>/*LAST_ID*/</c> for the identity just inserted,
/// <c>/*LENGTH*/(x)</c> for a text's length in characters, <c>/*TEXT:Name*/</c> for a text value the row holds as UTF-8
/// (<see cref="TextAsUtf8"/>); and how a set of keys is sent (<see cref="KeySet"/>).
/// </summary>
internal sealed partial class SqlDialect
{
    public static readonly SqlDialect Sqlite = new("", "LIMIT @Limit", "last_insert_rowid()", "LENGTH", jsonKeySets: true, textAsUtf8: true);
    public static readonly SqlDialect SqlServer = new("TOP (@Limit)", "", "CAST(SCOPE_IDENTITY() AS BIGINT)", "LEN", jsonKeySets: false, textAsUtf8: false);

    private readonly string _top;
    private readonly string _limit;
    private readonly string _lastId;
    private readonly string _length;
    private readonly bool _jsonKeySets;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> _rendered = new(StringComparer.Ordinal);

    private SqlDialect(string top, string limit, string lastId, string length, bool jsonKeySets, bool textAsUtf8)
    {
        TextAsUtf8 = textAsUtf8;
        _jsonKeySets = jsonKeySets;
        _length = length;
        _top = top;
        _limit = limit;
        _lastId = lastId;
    }

    /// <summary>
    /// Whether <c>/*TEXT:Name*/</c> takes the row's <c>NameUtf8</c> (bytes) rather than its <c>Name</c> (a string).
    /// SQLite keeps text as UTF-8: text that is UTF-8 already (JSON the service wrote) is bound as bytes and cast, instead
    /// of being decoded into a .NET string that the binding encodes back into UTF-8. SQL Server stores NVARCHAR and
    /// takes the string.
    /// </summary>
    public bool TextAsUtf8 { get; }

    public static SqlDialect For(DatabaseProvider provider) => provider == DatabaseProvider.SqlServer ? SqlServer : Sqlite;

    /// <summary>How many keys one <see cref="KeySet"/> statement takes (SQL Server: Dapper expands the list into parameters, at most 2,100).</summary>
    public int KeySetSize => _jsonKeySets ? 5000 : 500;

    /// <summary>
    /// A statement with <c>IN @name</c> over a set of keys, and the value to bind. SQL Server: Dapper's list expansion
    /// (one parameter per key). SQLite: one JSON array read with <c>json_each</c> — preparing and binding 500
    /// parameters costs more than the lookup (a sixth of a 1,000-SKU InventoryUpdate; docs/performance.md).
    /// </summary>
    public (string Sql, Dapper.DynamicParameters Parameters) KeySet(string sql, string name, IReadOnlyCollection<string> keys, object otherParameters)
    {
        var parameters = new Dapper.DynamicParameters(otherParameters);
        if (!_jsonKeySets)
        {
            parameters.Add(name, keys); // a list: Dapper expands it (typed as a list here, or it would not)
            return (sql, parameters);
        }

        parameters.Add(name, System.Text.Json.JsonSerializer.Serialize(keys));
        return (sql.Replace($"IN @{name}", $"IN (SELECT value FROM json_each(@{name}))", StringComparison.Ordinal), parameters);
    }

    /// <summary>
    /// The statement in this provider's SQL, rendered once and kept: callers pass the statements they declare as
    /// constants, and several render on every page read or every row written.
    /// </summary>
    public string Render(string sql) => _rendered.GetOrAdd(sql, static (text, dialect) => TextMarker().Replace(
        text.Replace("/*TOP*/", dialect._top, StringComparison.Ordinal)
            .Replace("/*LIMIT*/", dialect._limit, StringComparison.Ordinal)
            .Replace("/*LAST_ID*/", dialect._lastId, StringComparison.Ordinal)
            .Replace("/*LENGTH*/", dialect._length, StringComparison.Ordinal),
        m => dialect.TextAsUtf8 ? $"CAST(@{m.Groups[1].Value}Utf8 AS TEXT)" : "@" + m.Groups[1].Value), this);

    [System.Text.RegularExpressions.GeneratedRegex(@"/\*TEXT:(\w+)\*/")]
    private static partial System.Text.RegularExpressions.Regex TextMarker();
}
