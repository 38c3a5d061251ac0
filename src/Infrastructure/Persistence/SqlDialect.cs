namespace ChannelBridge.Infrastructure.Persistence;

/// <summary>
/// The few places the two providers' SQL differs, written as markers inside otherwise shared SQL:
/// <c>/*TOP*/</c> after SELECT, <c>/*LIMIT*/</c> at the end (both for @Limit; <c>/*TOP:Name*/</c> and
/// <c>/*LIMIT:Name*/</c> for a limit of another name), <c>/*LAST_ID*/</c> for the identity just inserted,
/// <c>/*LENGTH*/(column)</c> for a text's length in characters as <see cref="CharsOf"/> counts them,
/// <c>/*TEXT:Name*/</c> for a text value the row holds as UTF-8 (<see cref="TextAsUtf8"/>); and how a set of keys is
/// sent (<see cref="KeySet"/>).
/// </summary>
internal sealed partial class SqlDialect
{
    public static readonly SqlDialect Sqlite = new("", "LIMIT @Limit", "last_insert_rowid()", "LENGTH($1)", jsonKeySets: true, textAsUtf8: true);

    // DATALENGTH of NVARCHAR is two bytes a UTF-16 unit, as .NET counts a string; LEN would leave out trailing spaces and,
    // under a supplementary-character (_SC) collation, count a surrogate pair once.
    public static readonly SqlDialect SqlServer = new("TOP (@Limit)", "", "CAST(SCOPE_IDENTITY() AS BIGINT)", "(DATALENGTH($1) / 2)", jsonKeySets: false, textAsUtf8: false);

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
    public string Render(string sql) => _rendered.GetOrAdd(sql, static (text, dialect) => dialect.RenderOnce(text), this);

    private string RenderOnce(string sql)
    {
        var limited = NamedLimitMarker().Replace(sql, m => (m.Groups[1].Value, TopFirst: _top.Length > 0) switch
        {
            ("TOP", TopFirst: true) => $"TOP (@{m.Groups[2].Value})",
            ("LIMIT", TopFirst: false) => $"LIMIT @{m.Groups[2].Value}",
            _ => string.Empty,
        });
        var rendered = LengthMarker().Replace(
            limited.Replace("/*TOP*/", _top, StringComparison.Ordinal)
                .Replace("/*LIMIT*/", _limit, StringComparison.Ordinal)
                .Replace("/*LAST_ID*/", _lastId, StringComparison.Ordinal),
            _length);
        if (rendered.Contains("/*LENGTH*/", StringComparison.Ordinal))
        {
            // Left as it is, SQL Server would read the marker as a comment and the parentheses as the text itself.
            throw new ArgumentException("/*LENGTH*/ measures one column: /*LENGTH*/(column).", nameof(sql));
        }

        return TextMarker().Replace(rendered, m => TextAsUtf8 ? $"CAST(@{m.Groups[1].Value}Utf8 AS TEXT)" : "@" + m.Groups[1].Value);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"/\*TEXT:(\w+)\*/")]
    private static partial System.Text.RegularExpressions.Regex TextMarker();

    [System.Text.RegularExpressions.GeneratedRegex(@"/\*(TOP|LIMIT):(\w+)\*/")]
    private static partial System.Text.RegularExpressions.Regex NamedLimitMarker();

    [System.Text.RegularExpressions.GeneratedRegex(@"/\*LENGTH\*/\(([\w.]+)\)")]
    private static partial System.Text.RegularExpressions.Regex LengthMarker();

    /// <summary>
    /// A text's length as this database's <c>/*LENGTH*/</c> counts it once stored, so that what a store's counts gain as
    /// a row is written (ADR-039) is what they lose when a statement measures the row to delete it. SQL Server: UTF-16
    /// units, as .NET counts. SQLite: characters, a surrogate pair one (stored as UTF-8, one character), as is a lone
    /// surrogate (stored as U+FFFD). SQLite's LENGTH also stops at a NUL; the texts measured are JSON and keys, which hold
    /// none.
    /// </summary>
    public long CharsOf(string text)
    {
        if (!TextAsUtf8)
        {
            return text.Length;
        }

        var pairs = 0;
        var rest = text.AsSpan();
        for (var at = rest.IndexOfAnyInRange('\uD800', '\uDBFF'); at >= 0; at = rest.IndexOfAnyInRange('\uD800', '\uDBFF'))
        {
            var paired = at + 1 < rest.Length && char.IsLowSurrogate(rest[at + 1]);
            pairs += paired ? 1 : 0;
            rest = rest[(at + (paired ? 2 : 1))..];
        }

        return text.Length - pairs;
    }
}
