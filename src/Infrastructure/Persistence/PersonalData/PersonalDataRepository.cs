using System.Data.Common;
using System.Text;
using System.Text.Json;
using ChannelBridge.Application.PersonalData;
using Dapper;
using Microsoft.Data.Sqlite;

namespace ChannelBridge.Infrastructure.Persistence.PersonalData;

/// <summary>Retention settings, the sweep's candidates, delivered feed entries, the erasure audit and the job lease (ADR-018).</summary>
internal sealed class PersonalDataRepository(DbConnectionFactory connections, TimeProvider time) : IPersonalDataRepository
{
    private const string SelectRetentions = "SELECT Id AS StoreId, PersonalDataRetentionDays AS Days FROM Stores";

    private const string SelectRetention = SelectRetentions + " WHERE Id = @StoreId";

    private const string UpdateRetention = "UPDATE Stores SET PersonalDataRetentionDays = @Days WHERE Id = @StoreId";

    // Matches IX_Orders_Retention's filter term for term, so both databases read the sweep's candidates from it.
    private const string SelectFinishedBefore = """
        SELECT /*TOP*/ ReferenceNumber FROM Orders
        WHERE StoreId = @StoreId AND Status IN (2, 3) AND ErasedUtc IS NULL AND LastChangedUtc < @Cutoff
        ORDER BY LastChangedUtc
        /*LIMIT*/
        """;

    // A text match over the stored content (the caller checks each order): erasure requests are rare, and an index of
    // buyers' emails would be one more copy of the personal data to erase.
    private const string SelectByEmail = @"SELECT ReferenceNumber FROM Orders WHERE StoreId = @StoreId AND ErasedUtc IS NULL AND ContentJson LIKE @Pattern ESCAPE '\'";

    // SQL Server's LIKE folds case as the column's collation says, and that is the database's, which its operator chooses
    // (a case-sensitive one would find jo@… but not JO@…): the match names a case-insensitive collation itself.
    private const string SelectByEmailSqlServer =
        @"SELECT ReferenceNumber FROM Orders WHERE StoreId = @StoreId AND ErasedUtc IS NULL AND ContentJson COLLATE Latin1_General_100_CI_AS LIKE @Pattern ESCAPE '\'";

    private const string SelectDeliveredCursor = """
        SELECT COALESCE((SELECT AckedCursor FROM StoreFeedCursors WHERE StoreId = @StoreId), 0) AS Acked,
               COALESCE((SELECT DeliveredCursor FROM StoreWebhooks WHERE StoreId = @StoreId), 0) AS Delivered
        """;

    // A store's delivered entries from its oldest, read outside the delete's write: the oldest that are past the cut-off
    // are deleted, up to the first that is not. Asked as one DELETE for "any delivered entry past the cut-off", a store
    // whose delivered entries are all within its retention would have every one of them read inside SQLite's write lock
    // on each sweep, to find none: 173-182 ms at 1,000,000 entries, every five minutes (docs/performance.md).
    private const string SelectFeedHead = """
        SELECT /*TOP*/ Seq, CASE WHEN ReceivedUtc < @Cutoff THEN 1 ELSE 0 END AS Due FROM StoreUpdates
        WHERE StoreId = @StoreId AND Seq <= @Delivered
        ORDER BY Seq
        /*LIMIT*/
        """;

    private const string DeleteFeedThrough = "DELETE FROM StoreUpdates WHERE StoreId = @StoreId AND Seq <= @Through";

    // The entries deleted leave the store's counts (ADR-039): listing jobs its listing job characters, the others its feed's
    // characters, by the measure they were added with (StoreFeedAppend). Read before the delete's write: delivered
    // entries no longer change, and a listing job's payload runs to megabytes.
    private const string SelectDeletedChars = """
        SELECT COALESCE(SUM(CASE WHEN Type IN ('ListingCreate', 'ListingUpdate', 'ListingDelete') THEN /*LENGTH*/(Payload) ELSE 0 END), 0) AS ListingJobChars,
               COALESCE(SUM(CASE WHEN Type IN ('ListingCreate', 'ListingUpdate', 'ListingDelete') THEN 0 ELSE /*LENGTH*/(Payload) + /*LENGTH*/(DedupKey) END), 0) AS FeedChars
        FROM StoreUpdates
        WHERE StoreId = @StoreId AND Seq <= @Through
        """;

    private const string Uncount = "UPDATE Stores SET ListingJobChars = ListingJobChars - @ListingJobChars, FeedChars = FeedChars - @FeedChars WHERE Id = @StoreId";

    private const string InsertErasure = """
        INSERT INTO PersonalDataErasures (StoreId, ErasedUtc, Reason, Orders, FeedEntries) VALUES (@StoreId, @ErasedUtc, @Reason, @Orders, @FeedEntries)
        """;

    // A store's retention passes of one UTC day are one row, each pass that erases adding to it: a row a pass (every five
    // minutes for a busy store) would grow the audit by 288 rows a store a day, 13.5 MB a year on SQLite (measured), for ever.
    private const string AddToTheDaysRetention = """
        UPDATE PersonalDataErasures SET ErasedUtc = @ErasedUtc, Orders = Orders + @Orders, FeedEntries = FeedEntries + @FeedEntries
        WHERE Id = (SELECT MAX(Id) FROM PersonalDataErasures WHERE StoreId = @StoreId) AND Reason = @Reason AND ErasedUtc >= @DayStart
        """;

    private const string SelectErasures = """
        SELECT /*TOP*/ StoreId, ErasedUtc, Reason, Orders, FeedEntries FROM PersonalDataErasures WHERE StoreId = @StoreId ORDER BY Id DESC
        /*LIMIT*/
        """;

    private const string RenewLease = "UPDATE JobLeases SET Owner = @Owner, LeaseUntilUtc = @Until WHERE Name = @Name AND (Owner = @Owner OR LeaseUntilUtc < @Now)";

    private const string InsertLease = "INSERT INTO JobLeases (Name, Owner, LeaseUntilUtc) VALUES (@Name, @Owner, @Until)";

    private const string DeleteLease = "DELETE FROM JobLeases WHERE Name = @Name AND Owner = @Owner";

    private readonly SqlDialect _dialect = SqlDialect.For(connections.Provider);

    public async Task<IReadOnlyList<StoreRetention>> GetRetentionsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<RetentionRow>(new CommandDefinition(SelectRetentions, cancellationToken: cancellationToken));
        return [.. rows.Select(ToRetention)];
    }

    public async Task<StoreRetention?> GetRetentionAsync(string storeId, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<RetentionRow>(new CommandDefinition(SelectRetention, new { StoreId = storeId }, cancellationToken: cancellationToken));
        return row is null ? null : ToRetention(row);
    }

    public async Task<bool> SetRetentionAsync(string storeId, int? days, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(UpdateRetention, new { StoreId = storeId, Days = days }, cancellationToken: cancellationToken)) == 1;
    }

    public async Task<IReadOnlyList<string>> FindFinishedBeforeAsync(string storeId, DateTime cutoff, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return [.. await connection.QueryAsync<string>(new CommandDefinition(
            _dialect.Render(SelectFinishedBefore), new { StoreId = storeId, Cutoff = cutoff, Limit = limit }, cancellationToken: cancellationToken))];
    }

    public async Task<IReadOnlyList<string>> FindByEmailAsync(string storeId, string email, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return [.. await connection.QueryAsync<string>(new CommandDefinition(
            connections.Provider == DatabaseProvider.SqlServer ? SelectByEmailSqlServer : SelectByEmail,
            new { StoreId = storeId, Pattern = EmailPattern(email) },
            cancellationToken: cancellationToken))];
    }

    public async Task<int> DeleteDeliveredFeedAsync(string storeId, DateTime cutoff, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var cursors = await connection.QuerySingleAsync<CursorRow>(new CommandDefinition(SelectDeliveredCursor, new { StoreId = storeId }, cancellationToken: cancellationToken));
        var delivered = Math.Max(cursors.Acked, cursors.Delivered);
        if (delivered <= 0)
        {
            return 0;
        }

        var head = await connection.QueryAsync<(long Seq, int Due)>(new CommandDefinition(
            _dialect.Render(SelectFeedHead), new { StoreId = storeId, Delivered = delivered, Cutoff = cutoff, Limit = limit }, cancellationToken: cancellationToken));
        var due = head.TakeWhile(e => e.Due == 1).ToList();
        if (due.Count == 0)
        {
            return 0;
        }

        var through = new { StoreId = storeId, Through = due[^1].Seq };
        var chars = await connection.QuerySingleAsync<(long ListingJobChars, long FeedChars)>(
            new CommandDefinition(_dialect.Render(SelectDeletedChars), through, cancellationToken: cancellationToken));
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            Uncount, new { StoreId = storeId, chars.ListingJobChars, chars.FeedChars }, tx, cancellationToken: cancellationToken));

        var deleted = await connection.ExecuteAsync(new CommandDefinition(DeleteFeedThrough, through, tx, cancellationToken: cancellationToken));
        await tx.CommitAsync(cancellationToken);
        return deleted;
    }

    public async Task RecordErasureAsync(ErasureRecord record, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        if (record.Reason == ErasureRecord.Retention)
        {
            var args = new { record.StoreId, record.ErasedUtc, record.Reason, record.Orders, record.FeedEntries, DayStart = record.ErasedUtc.Date };
            if (await connection.ExecuteAsync(new CommandDefinition(AddToTheDaysRetention, args, cancellationToken: cancellationToken)) == 1)
            {
                return;
            }
        }

        await connection.ExecuteAsync(new CommandDefinition(InsertErasure, record, cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<ErasureRecord>> GetErasuresAsync(string storeId, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<ErasureRow>(new CommandDefinition(
            _dialect.Render(SelectErasures), new { StoreId = storeId, Limit = limit }, cancellationToken: cancellationToken));
        return [.. rows.Select(r => new ErasureRecord(r.StoreId, DbTime.Utc(r.ErasedUtc), r.Reason, (int)r.Orders, (int)r.FeedEntries))];
    }

    public async Task<bool> TryLeaseAsync(string job, string owner, TimeSpan leaseFor, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var args = new { Name = job, Owner = owner, Until = now + leaseFor, Now = now };
        await using var connection = await connections.OpenAsync(cancellationToken);
        if (await connection.ExecuteAsync(new CommandDefinition(RenewLease, args, cancellationToken: cancellationToken)) == 1)
        {
            return true;
        }

        try
        {
            return await connection.ExecuteAsync(new CommandDefinition(InsertLease, args, cancellationToken: cancellationToken)) == 1;
        }
        catch (DbException ex) when (UniqueKey.IsViolation(ex))
        {
            return false;   // another node holds it
        }
    }

    public async Task ReleaseLeaseAsync(string job, string owner, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(DeleteLease, new { Name = job, Owner = owner }, cancellationToken: cancellationToken));
    }

    /// <summary>
    /// SQLite: a TRUNCATE checkpoint copies the log into the database file and empties the log, so no older copy of an
    /// erased page stays in it; freed pages were zeroed as they were freed (secure_delete, set on every connection).
    /// It waits for readers on an older snapshot at most a second, then leaves it to the next pass. SQL Server: nothing.
    /// </summary>
    public Task<bool> ScrubAsync(CancellationToken cancellationToken)
    {
        if (connections.Provider != DatabaseProvider.Sqlite)
        {
            return Task.FromResult(true);
        }

        using var connection = connections.OpenSqliteProbe(TimeSpan.FromSeconds(1));
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
        try
        {
            using var reader = command.ExecuteReader();
            return Task.FromResult(reader.Read() && reader.GetInt32(0) == 0);
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode is 5 or 6)
        {
            return Task.FromResult(false);   // busy or locked: the next pass tries again
        }
    }

    private static StoreRetention ToRetention(RetentionRow row) => new(row.StoreId, row.Days is { } days ? (int)days : null);

    /// <summary>
    /// A LIKE pattern that finds the email in the stored content in any case. System.Text.Json writes '+' and every
    /// character past ASCII escaped (ë is \u00EB, Ë is \u00CB), and LIKE folds ASCII letters only, so each character
    /// past ASCII matches any six characters (a UTF-16 unit's escape): the caller checks each candidate's parsed email.
    /// </summary>
    internal static string EmailPattern(string email)
    {
        var pattern = new StringBuilder("%", email.Length + 2);
        foreach (var c in email)
        {
            pattern.Append(char.IsAscii(c) ? LikeLiteral(AsStoredInJson(c.ToString())) : "______");
        }

        return pattern.Append('%').ToString();
    }

    /// <summary>Text as System.Text.Json writes it into the stored content ('+' escaped, for instance).</summary>
    private static string AsStoredInJson(string text) => JsonSerializer.Serialize(text)[1..^1];

    /// <summary>Text matched literally by LIKE … ESCAPE '\' on both databases.</summary>
    internal static string LikeLiteral(string text) =>
        text.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("%", @"\%", StringComparison.Ordinal)
            .Replace("_", @"\_", StringComparison.Ordinal).Replace("[", @"\[", StringComparison.Ordinal);

    private sealed class RetentionRow
    {
        public string StoreId { get; init; } = string.Empty;

        public long? Days { get; init; }
    }

    private sealed class CursorRow
    {
        public long Acked { get; init; }

        public long Delivered { get; init; }
    }

    private sealed class ErasureRow
    {
        public string StoreId { get; init; } = string.Empty;

        public DateTime ErasedUtc { get; init; }

        public string Reason { get; init; } = string.Empty;

        public long Orders { get; init; }

        public long FeedEntries { get; init; }
    }
}
