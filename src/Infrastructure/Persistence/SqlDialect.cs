namespace ChannelBridge.Infrastructure.Persistence;

/// <summary>
/// The few places the two providers' SQL differs, written as markers inside otherwise shared SQL:
/// <c>/*TOP*/</c> after SELECT, <c>/*LIMIT*/</c> at the end, <c>/*LAST_ID*/</c> for the identity just inserted,
/// <c>/*LENGTH*/(x)</c> for a text's length in characters.
/// </summary>
internal sealed class SqlDialect
{
    public static readonly SqlDialect Sqlite = new("", "LIMIT @Limit", "last_insert_rowid()", "LENGTH");
    public static readonly SqlDialect SqlServer = new("TOP (@Limit)", "", "CAST(SCOPE_IDENTITY() AS BIGINT)", "LEN");

    private readonly string _top;
    private readonly string _limit;
    private readonly string _lastId;
    private readonly string _length;

    private SqlDialect(string top, string limit, string lastId, string length)
    {
        _length = length;
        _top = top;
        _limit = limit;
        _lastId = lastId;
    }

    public static SqlDialect For(DatabaseProvider provider) => provider == DatabaseProvider.SqlServer ? SqlServer : Sqlite;

    public string Render(string sql) =>
        sql.Replace("/*TOP*/", _top, StringComparison.Ordinal)
           .Replace("/*LIMIT*/", _limit, StringComparison.Ordinal)
           .Replace("/*LAST_ID*/", _lastId, StringComparison.Ordinal)
           .Replace("/*LENGTH*/", _length, StringComparison.Ordinal);
}
