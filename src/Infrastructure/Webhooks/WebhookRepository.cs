using ChannelBridge.Domain.Stores;
using ChannelBridge.Infrastructure.Persistence;
using Dapper;
using Microsoft.AspNetCore.DataProtection;

namespace ChannelBridge.Infrastructure.Webhooks;

/// <summary>Webhooks with their secret encrypted (Data Protection), and the lease that lets one node deliver a store at a time.</summary>
internal sealed class WebhookRepository(CallConnections connections, IDataProtectionProvider dataProtection, TimeProvider time) : IWebhookRepository
{
    private const string Select = """
        SELECT StoreId, Url, SecretCipher, DeliveredCursor, Attempts, NextAttemptUtc, LastError, PreviousSecretCipher, PreviousSecretUntilUtc,
               LastAttemptUtc, FailingSinceUtc, DisabledUtc, DisabledReason, RecentAttemptsJson, SlowUntilUtc
        FROM StoreWebhooks WHERE StoreId = @StoreId
        """;

    private const string Update = """
        UPDATE StoreWebhooks SET Url = @Url, SecretCipher = @SecretCipher, Attempts = @Attempts, NextAttemptUtc = @NextAttemptUtc,
            LastError = @LastError, UpdatedUtc = @UpdatedUtc, PreviousSecretCipher = @PreviousSecretCipher, PreviousSecretUntilUtc = @PreviousSecretUntilUtc,
            DeliveredCursor = @DeliveredCursor, LastAttemptUtc = @LastAttemptUtc, FailingSinceUtc = @FailingSinceUtc, DisabledUtc = @DisabledUtc,
            DisabledReason = @DisabledReason, RecentAttemptsJson = @RecentAttemptsJson, SlowUntilUtc = @SlowUntilUtc, Pending = 1
        WHERE StoreId = @StoreId
        """;

    private const string Insert = """
        INSERT INTO StoreWebhooks (StoreId, Url, SecretCipher, DeliveredCursor, Attempts, NextAttemptUtc, LastError, UpdatedUtc, PreviousSecretCipher, PreviousSecretUntilUtc,
                                   LastAttemptUtc, FailingSinceUtc, DisabledUtc, DisabledReason, RecentAttemptsJson, SlowUntilUtc, Pending)
        VALUES (@StoreId, @Url, @SecretCipher, @DeliveredCursor, @Attempts, @NextAttemptUtc, @LastError, @UpdatedUtc, @PreviousSecretCipher, @PreviousSecretUntilUtc,
                @LastAttemptUtc, @FailingSinceUtc, @DisabledUtc, @DisabledReason, @RecentAttemptsJson, @SlowUntilUtc, 1)
        """;

    private const string Delete = "DELETE FROM StoreWebhooks WHERE StoreId = @StoreId";

    private const string Backlog = "SELECT COUNT(*) FROM StoreUpdates WHERE StoreId = @StoreId AND Seq > @After";

    private const string CountDisabled = "SELECT COUNT(*) FROM StoreWebhooks WHERE DisabledUtc IS NOT NULL";

    // The store to deliver next: the pending webhook due first, read before the claim and outside its write. Only
    // pending webhooks are read (their index), so webhooks delivered up to date cost nothing here: asking each one's
    // feed took 8 ms a claim at 10,000 of them (docs/performance.md). A mark with nothing behind it (a webhook saved
    // with its feed delivered, or a feed entry deleted since) is claimed once, finds nothing, and is cleared at release.
    // Within a lane (ADR-033): a node whose slots for slow receivers are taken looks only among the others, and the other
    // way round.
    private const string SelectDue = """
        SELECT /*TOP*/ w.StoreId FROM StoreWebhooks w
        WHERE w.Pending = 1 AND w.DisabledUtc IS NULL AND w.NextAttemptUtc <= @Now AND (w.LeaseUntilUtc IS NULL OR w.LeaseUntilUtc < @Now) /*LANE*/
        ORDER BY w.NextAttemptUtc
        /*LIMIT*/
        """;

    // The claim checks again what the read found: another node may have claimed the store, or its webhook changed, since.
    private const string Claim = """
        UPDATE StoreWebhooks SET LeaseOwner = @Owner, LeaseUntilUtc = @Until
        WHERE StoreId = @StoreId AND NextAttemptUtc <= @Now AND (LeaseUntilUtc IS NULL OR LeaseUntilUtc < @Now) AND DisabledUtc IS NULL
        """;

    private const string SelectClaimed = """
        SELECT StoreId, Url, SecretCipher, DeliveredCursor, Attempts, NextAttemptUtc, LastError, PreviousSecretCipher, PreviousSecretUntilUtc,
               LastAttemptUtc, FailingSinceUtc, DisabledUtc, DisabledReason, RecentAttemptsJson, SlowUntilUtc
        FROM StoreWebhooks WHERE StoreId = @StoreId AND LeaseOwner = @Owner AND LeaseUntilUtc = @Until
        """;

    private const string Advance = """
        UPDATE StoreWebhooks SET DeliveredCursor = @DeliveredCursor, Attempts = 0, LastError = NULL, LeaseUntilUtc = @Until, UpdatedUtc = @UpdatedUtc,
            LastAttemptUtc = @Now, FailingSinceUtc = NULL, RecentAttemptsJson = @RecentAttemptsJson, SlowUntilUtc = @SlowUntilUtc
        WHERE StoreId = @StoreId AND LeaseOwner = @Owner AND LeaseUntilUtc > @Now AND DeliveredCursor < @DeliveredCursor
        """;

    // Every lease this node holds and still has, in one statement (the node's heartbeat): by key, so the look is the stores'
    // rows, not every webhook, and a lease that ran out (another node may hold the store now) is not taken back.
    private const string Renew = """
        UPDATE StoreWebhooks SET LeaseUntilUtc = @Until
        WHERE StoreId IN @StoreIds AND LeaseOwner = @Owner AND LeaseUntilUtc > @Now
        """;

    // Clears the pending mark when the feed holds nothing past the stored cursor; an update appended meanwhile must be
    // either seen here or mark the webhook after (see ReleaseAsync).
    private const string Release = """
        UPDATE StoreWebhooks SET Attempts = @Attempts, NextAttemptUtc = @NextAttemptUtc, LastError = @LastError, LeaseOwner = NULL, LeaseUntilUtc = NULL, UpdatedUtc = @UpdatedUtc,
            LastAttemptUtc = @LastAttemptUtc, FailingSinceUtc = @FailingSinceUtc, DisabledUtc = @DisabledUtc, DisabledReason = @DisabledReason,
            RecentAttemptsJson = @RecentAttemptsJson, SlowUntilUtc = @SlowUntilUtc,
            Pending = CASE WHEN EXISTS (SELECT 1 FROM StoreUpdates u WHERE u.StoreId = StoreWebhooks.StoreId AND u.Seq > StoreWebhooks.DeliveredCursor) THEN 1 ELSE 0 END
        WHERE StoreId = @StoreId AND LeaseOwner = @Owner
        """;

    private readonly IDataProtector _protector = dataProtection.CreateProtector("ChannelBridge.WebhookSecrets.v1");
    private readonly SqlDialect _dialect = SqlDialect.For(connections.Provider);

    public async Task<Webhook?> GetAsync(string storeId, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(Select, new { StoreId = storeId }, cancellationToken: cancellationToken));
        return row is null ? null : ToDomain(row);
    }

    public async Task SaveAsync(Webhook webhook, CancellationToken cancellationToken)
    {
        var args = new
        {
            webhook.StoreId,
            Url = webhook.Url.ToString(),
            SecretCipher = _protector.Protect(webhook.Secret),
            webhook.DeliveredCursor,
            webhook.Attempts,
            webhook.NextAttemptUtc,
            webhook.LastError,
            UpdatedUtc = time.GetUtcNow().UtcDateTime,
            PreviousSecretCipher = webhook.PreviousSecret is { } previous ? _protector.Protect(previous) : null,
            webhook.PreviousSecretUntilUtc,
            webhook.LastAttemptUtc,
            webhook.FailingSinceUtc,
            webhook.DisabledUtc,
            webhook.DisabledReason,
            RecentAttemptsJson = System.Text.Json.JsonSerializer.Serialize(webhook.RecentAttempts),
            webhook.SlowUntilUtc,
        };
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        // The store's row first, so two first saves cannot both miss the update and both insert.
        await StoreWriteLock.TakeAsync(connection, tx, [webhook.StoreId], cancellationToken);
        if (await connection.ExecuteAsync(new CommandDefinition(Update, args, tx, cancellationToken: cancellationToken)) == 0)
        {
            await connection.ExecuteAsync(new CommandDefinition(Insert, args, tx, cancellationToken: cancellationToken));
        }

        await tx.CommitAsync(cancellationToken);
    }

    public async Task<bool> DeleteAsync(string storeId, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(Delete, new { StoreId = storeId }, cancellationToken: cancellationToken)) > 0;
    }

    /// <summary>
    /// Leases the store whose webhook is most overdue and has undelivered updates, among the receivers of
    /// <paramref name="lane"/>; null if none.
    /// </summary>
    public async Task<Lease?> TryClaimAsync(string owner, TimeSpan leaseFor, DeliveryLane lane, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var due = SelectDue.Replace("/*LANE*/", lane switch
        {
            DeliveryLane.Fast => "AND (w.SlowUntilUtc IS NULL OR w.SlowUntilUtc <= @Now)",
            DeliveryLane.Slow => "AND w.SlowUntilUtc > @Now",
            _ => string.Empty,
        }, StringComparison.Ordinal);
        await using var connection = await connections.OpenAsync(cancellationToken);
        var storeId = await connection.QuerySingleOrDefaultAsync<string>(
            new CommandDefinition(_dialect.Render(due), new { Now = now, Limit = 1 }, cancellationToken: cancellationToken));
        var args = new { Owner = owner, Until = now + leaseFor, Now = now, StoreId = storeId };
        if (storeId is null || await connection.ExecuteAsync(new CommandDefinition(Claim, args, cancellationToken: cancellationToken)) == 0)
        {
            return null;
        }

        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(SelectClaimed, args, cancellationToken: cancellationToken));
        return row is null ? null : new Lease(ToDomain(row), owner, leaseFor) { UntilUtc = args.Until };
    }

    /// <summary>
    /// Stores the cursor of the updates delivered under the lease (<see cref="Webhook.Delivered"/>), with the recent
    /// attempts (so whoever reads the cursor reads the attempt that moved it), and renews the lease; true when there was
    /// nothing new to store, false if the lease was lost (another node may now deliver).
    /// </summary>
    public async Task<bool> SaveDeliveredAsync(Lease lease, CancellationToken cancellationToken)
    {
        var cursor = lease.Webhook.DeliveredCursor;
        if (cursor == lease.SavedCursor)
        {
            return true;
        }

        var now = time.GetUtcNow().UtcDateTime;
        var until = now + lease.LeaseFor;
        await using var connection = await connections.OpenAsync(cancellationToken);
        var updated = await connection.ExecuteAsync(new CommandDefinition(
            Advance,
            new
            {
                lease.Webhook.StoreId, lease.Owner, Now = now, Until = until, DeliveredCursor = cursor, UpdatedUtc = now,
                RecentAttemptsJson = System.Text.Json.JsonSerializer.Serialize(lease.Webhook.RecentAttempts), lease.Webhook.SlowUntilUtc,
            },
            cancellationToken: cancellationToken));
        if (updated == 1)
        {
            lease.UntilUtc = until;
            lease.SavedCursor = cursor;
        }

        return updated == 1;
    }

    /// <summary>
    /// Renews the leases (of one owner) that are still held, for <paramref name="leaseFor"/> from now; each renewed one's
    /// <see cref="Lease.UntilUtc"/> moves with it.
    /// </summary>
    public async Task RenewAsync(IReadOnlyCollection<Lease> leases, TimeSpan leaseFor, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var held = leases.Where(l => l.UntilUtc > now).ToList();
        if (held.Count == 0)
        {
            return;
        }

        var until = now + leaseFor;
        var (sql, parameters) = _dialect.KeySet(Renew, "StoreIds", [.. held.Select(l => l.Webhook.StoreId)], new { Owner = held[0].Owner, Until = until, Now = now });
        await using var connection = await connections.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
        foreach (var lease in held)
        {
            lease.UntilUtc = until; // each was held until after now, so the statement renewed it (only its owner extends it)
        }
    }

    public async Task ReleaseAsync(Lease lease, CancellationToken cancellationToken)
    {
        var w = lease.Webhook;
        await using var connection = await connections.OpenAsync(cancellationToken);

        // SQL Server reads the feed from the snapshot the statement starts with: it first takes the store's row, which
        // every append holds until it commits (StoreWriteLock), so an append either committed before or marks after.
        // SQLite's statement waits for its one write lock and reads what every writer before it committed; a transaction
        // there would wait for the in-process writer turn and hold it through SQLite's own busy waits, which made the
        // despatches beside a webhook drain twice as slow, some answered "retry" (docs/performance.md).
        await using var tx = connections.Provider == DatabaseProvider.SqlServer ? await connection.BeginTransactionAsync(cancellationToken) : null;
        if (tx is not null)
        {
            await StoreWriteLock.TakeAsync(connection, tx, [w.StoreId], cancellationToken);
        }

        await connection.ExecuteAsync(new CommandDefinition(Release, new
        {
            w.StoreId,
            lease.Owner,
            w.Attempts,
            w.NextAttemptUtc,
            w.LastError,
            UpdatedUtc = time.GetUtcNow().UtcDateTime,
            w.LastAttemptUtc,
            w.FailingSinceUtc,
            w.DisabledUtc,
            w.DisabledReason,
            RecentAttemptsJson = System.Text.Json.JsonSerializer.Serialize(w.RecentAttempts),
            w.SlowUntilUtc,
        }, tx, cancellationToken: cancellationToken));
        if (tx is not null)
        {
            await tx.CommitAsync(cancellationToken);
        }
    }

    private Webhook ToDomain(Row row) =>
        Webhook.Rehydrate(
            row.StoreId, row.Url, _protector.Unprotect(row.SecretCipher), row.DeliveredCursor, row.Attempts, DbTime.Utc(row.NextAttemptUtc), row.LastError,
            row.PreviousSecretCipher is { } previous ? _protector.Unprotect(previous) : null,
            row.PreviousSecretUntilUtc is { } until ? DbTime.Utc(until) : null,
            new WebhookHealth(Utc(row.LastAttemptUtc), Utc(row.FailingSinceUtc), Utc(row.DisabledUtc), row.DisabledReason, Utc(row.SlowUntilUtc)),
            row.RecentAttemptsJson is { } attempts ? System.Text.Json.JsonSerializer.Deserialize<List<WebhookAttempt>>(attempts) : null);

    private static DateTime? Utc(DateTime? value) => value is { } v ? DbTime.Utc(v) : null;

    public async Task<long> BacklogAsync(string storeId, long deliveredCursor, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(Backlog, new { StoreId = storeId, After = deliveredCursor }, cancellationToken: cancellationToken));
    }

    /// <summary>How many webhooks are disabled now (the <c>channelbridge.webhook.disabled</c> gauge).</summary>
    public async Task<long> CountDisabledAsync(CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(CountDisabled, cancellationToken: cancellationToken));
    }

    /// <summary>Which receivers a claim looks among: any, those answering in time, or the slow ones (<see cref="Webhook.SlowUntilUtc"/>).</summary>
    internal enum DeliveryLane
    {
        Any,
        Fast,
        Slow,
    }

    /// <summary>A held lease; renewed by the node's heartbeat (<see cref="RenewAsync"/>) and each time its cursor is saved.</summary>
    internal sealed class Lease(Webhook webhook, string owner, TimeSpan leaseFor)
    {
        public Webhook Webhook { get; } = webhook;

        public string Owner { get; } = owner;

        public TimeSpan LeaseFor { get; } = leaseFor;

        public DateTime UntilUtc { get; set; }

        /// <summary>The delivered cursor as the database has it.</summary>
        public long SavedCursor { get; set; } = webhook.DeliveredCursor;
    }

    private sealed class Row
    {
        public string StoreId { get; init; } = string.Empty;

        public string Url { get; init; } = string.Empty;

        public string SecretCipher { get; init; } = string.Empty;

        public long DeliveredCursor { get; init; }

        public int Attempts { get; init; }

        public DateTime NextAttemptUtc { get; init; }

        public string? LastError { get; init; }

        public string? PreviousSecretCipher { get; init; }

        public DateTime? PreviousSecretUntilUtc { get; init; }

        public DateTime? LastAttemptUtc { get; init; }

        public DateTime? FailingSinceUtc { get; init; }

        public DateTime? DisabledUtc { get; init; }

        public string? DisabledReason { get; init; }

        public string? RecentAttemptsJson { get; init; }

        public DateTime? SlowUntilUtc { get; init; }
    }
}
