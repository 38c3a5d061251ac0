using Dapper;

namespace ChannelBridge.Infrastructure.Persistence.Maintenance;

/// <summary>
/// The loop of the hourly tasks that delete what a read found (ADR-031): one batch after another, each in a transaction
/// of its own so that no task holds the database's write lock for long, until a batch finds less than a full batch, or
/// deletes nothing of what it found (another node deleted it first, or each row was changed meanwhile and is no longer
/// due). The change log's pruner walks the log instead (<see cref="ChangeLogPruner"/>).
/// </summary>
internal static class DeleteInBatches
{
    /// <summary>Runs <paramref name="batch"/> (what it found, what it deleted) until done; returns how many were deleted.</summary>
    public static async Task<int> RunAsync(int batchSize, Func<Task<(int Found, int Deleted)>> batch)
    {
        var total = 0;
        while (true)
        {
            var (found, deleted) = await batch();
            total += deleted;
            if (found < batchSize || deleted == 0)
            {
                return total;
            }
        }
    }

    /// <summary>
    /// <see cref="RunAsync"/> for what is past a retention of <paramref name="retentionDays"/> (0 keeps everything: nothing
    /// runs), each batch given the cut-off, that many days before now.
    /// </summary>
    public static Task<int> PastRetentionAsync(int retentionDays, TimeProvider time, int batchSize, Func<DateTime, Task<(int Found, int Deleted)>> batch)
    {
        if (retentionDays == 0)
        {
            return Task.FromResult(0);
        }

        var cutoff = time.GetUtcNow().UtcDateTime.AddDays(-retentionDays);
        return RunAsync(batchSize, () => batch(cutoff));
    }

    /// <summary>
    /// One batch of a task that deletes rows by their keys: the rows <paramref name="select"/> finds (each bound to
    /// <paramref name="delete"/> by its properties), then deleted in one short transaction; (found, deleted).
    /// </summary>
    public static async Task<(int Found, int Deleted)> ReadThenDeleteAsync<TRow>(
        DbConnectionFactory connections, string select, object selectArgs, string delete, CancellationToken cancellationToken)
        where TRow : notnull
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = (await connection.QueryAsync<TRow>(new CommandDefinition(select, selectArgs, cancellationToken: cancellationToken))).ToList();
        if (rows.Count == 0)
        {
            return (0, 0);
        }

        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        // One request for the batch where the provider sends batches (ADR-045), not a round trip a row.
        var deleted = (await RepeatedStatement.ExecuteEachAsync(connection, tx, delete, rows, cancellationToken)).Sum();
        await tx.CommitAsync(cancellationToken);
        return (rows.Count, deleted);
    }
}
