using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using ChannelBridge.Application.Orders;
using ChannelBridge.Domain.Orders;
using Dapper;

namespace ChannelBridge.Infrastructure.Persistence.Queries;

/// <summary>
/// Pages through a store's order change log with seek access. PageNumber 1 fixes a session for
/// (integration, UTCTimeFrom): the first Seq changed at or after UTCTimeFrom and the newest Seq at that
/// moment (the high-water mark). Each page returns orders whose latest change up to the high-water mark
/// lies in the range, in Seq order, after the last Seq of the previous page. Orders arriving or
/// changing meanwhile get Seqs above the mark, so they neither shift nor repeat the pages being read;
/// they come in the next download.
/// </summary>
internal sealed class OrderQueries(DbConnectionFactory connections, TimeProvider time) : IOrderQueries
{
    private const string FirstSeqSince = """
        SELECT /*TOP*/ Seq FROM OrderChanges WHERE StoreId = @StoreId AND ChangedUtc >= @From ORDER BY ChangedUtc, Seq
        /*LIMIT*/
        """;

    private const string HighWater = "SELECT MAX(Seq) FROM OrderChanges WHERE StoreId = @StoreId";

    private const string SelectSession = """
        SELECT FromSeq, HighWaterSeq FROM OrderPagingSessions WHERE IntegrationId = @IntegrationId AND UtcTimeFrom = @UtcTimeFrom
        """;

    private const string DeleteSessionBoundaries = """
        DELETE FROM OrderPageBoundaries WHERE IntegrationId = @IntegrationId AND (UtcTimeFrom = @UtcTimeFrom OR UtcTimeFrom IN
            (SELECT UtcTimeFrom FROM OrderPagingSessions WHERE IntegrationId = @IntegrationId AND CreatedUtc < @Expired))
        """;

    private const string DeleteSessions = """
        DELETE FROM OrderPagingSessions WHERE IntegrationId = @IntegrationId AND (UtcTimeFrom = @UtcTimeFrom OR CreatedUtc < @Expired)
        """;

    private const string InsertSession = """
        INSERT INTO OrderPagingSessions (IntegrationId, UtcTimeFrom, FromSeq, HighWaterSeq, CreatedUtc)
        VALUES (@IntegrationId, @UtcTimeFrom, @FromSeq, @HighWaterSeq, @CreatedUtc)
        """;

    private const string SelectBoundary = """
        SELECT /*TOP*/ PageNumber, LastSeq FROM OrderPageBoundaries
        WHERE IntegrationId = @IntegrationId AND UtcTimeFrom = @UtcTimeFrom AND PageNumber < @PageNumber
        ORDER BY PageNumber DESC
        /*LIMIT*/
        """;

    private const string DeleteBoundary = """
        DELETE FROM OrderPageBoundaries WHERE IntegrationId = @IntegrationId AND UtcTimeFrom = @UtcTimeFrom AND PageNumber = @PageNumber
        """;

    private const string InsertBoundary = """
        INSERT INTO OrderPageBoundaries (IntegrationId, UtcTimeFrom, PageNumber, LastSeq) VALUES (@IntegrationId, @UtcTimeFrom, @PageNumber, @LastSeq)
        """;

    private const string PageFilter = """
        FROM OrderChanges c
        JOIN Orders o ON o.Id = c.OrderId
        WHERE c.StoreId = @StoreId AND c.Seq > @After AND c.Seq <= @HighWater
          AND NOT EXISTS (SELECT 1 FROM OrderChanges n WHERE n.OrderId = c.OrderId AND n.Seq > c.Seq AND n.Seq <= @HighWater)
          AND o.Status <> 2
          AND (@IncludeUnpaid = 1 OR o.PaymentStatus <> 'UNPAID')
          AND (o.ReceivedDate IS NULL OR o.ReceivedDate >= @NotBefore)
        ORDER BY c.Seq
        """;

    private const string PageSeqs = "SELECT /*TOP*/ c.Seq " + PageFilter + " /*LIMIT*/";

    private const string Page = "SELECT /*TOP*/ c.Seq, o.ContentJson " + PageFilter + " /*LIMIT*/";

    private static readonly TimeSpan SessionLifetime = TimeSpan.FromDays(1);

    private readonly SqlDialect _dialect = SqlDialect.For(connections.Provider);

    public async Task<OrderPage> GetPageAsync(OrderPageRequest request, CancellationToken cancellationToken)
    {
        var key = new { request.IntegrationId, UtcTimeFrom = request.ChangedSinceUtc.ToString("O", CultureInfo.InvariantCulture) };
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);

        var session = request.PageNumber == 1
            ? null
            : await connection.QuerySingleOrDefaultAsync<Session>(new CommandDefinition(SelectSession, key, tx, cancellationToken: cancellationToken));
        session ??= await StartSessionAsync(connection, tx, request, key.UtcTimeFrom, cancellationToken);

        object Args(long after, int limit) => new
        {
            request.StoreId,
            HighWater = session.HighWaterSeq,
            request.IncludeUnpaid,
            NotBefore = request.ReceivedNotBeforeUtc,
            After = after,
            Limit = limit,
        };

        // Seek past the previous page: its stored boundary, or walk forward from the nearest known one.
        var known = await connection.QuerySingleOrDefaultAsync<Boundary>(new CommandDefinition(
            _dialect.Render(SelectBoundary), new { key.IntegrationId, key.UtcTimeFrom, request.PageNumber, Limit = 1 }, tx, cancellationToken: cancellationToken));
        var (page, after) = known is null ? (1, session.FromSeq - 1) : (known.PageNumber + 1, known.LastSeq);
        for (; page < request.PageNumber; page++)
        {
            var seqs = (await connection.QueryAsync<long>(new CommandDefinition(_dialect.Render(PageSeqs), Args(after, request.PageSize), tx, cancellationToken: cancellationToken))).ToList();
            if (seqs.Count == 0)
            {
                await tx.CommitAsync(cancellationToken);
                return new OrderPage([], false);
            }

            after = seqs[^1];
            await SaveBoundaryAsync(connection, tx, key.IntegrationId, key.UtcTimeFrom, page, after, cancellationToken);
        }

        var rows = (await connection.QueryAsync<PageRow>(new CommandDefinition(_dialect.Render(Page), Args(after, request.PageSize + 1), tx, cancellationToken: cancellationToken))).ToList();
        var served = rows.Take(request.PageSize).ToList();
        if (served.Count > 0)
        {
            await SaveBoundaryAsync(connection, tx, key.IntegrationId, key.UtcTimeFrom, request.PageNumber, served[^1].Seq, cancellationToken);
        }

        await tx.CommitAsync(cancellationToken);
        return new OrderPage([.. served.Select(r => JsonSerializer.Deserialize<OrderContent>(r.ContentJson)!)], rows.Count > request.PageSize);
    }

    private async Task<Session> StartSessionAsync(DbConnection connection, DbTransaction tx, OrderPageRequest request, string utcTimeFrom, CancellationToken cancellationToken)
    {
        var highWater = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(HighWater, new { request.StoreId }, tx, cancellationToken: cancellationToken)) ?? 0;
        var fromSeq = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            _dialect.Render(FirstSeqSince), new { request.StoreId, From = request.ChangedSinceUtc, Limit = 1 }, tx, cancellationToken: cancellationToken)) ?? highWater + 1;
        var now = time.GetUtcNow().UtcDateTime;
        var args = new
        {
            request.IntegrationId,
            UtcTimeFrom = utcTimeFrom,
            FromSeq = fromSeq,
            HighWaterSeq = highWater,
            CreatedUtc = now,
            Expired = now - SessionLifetime,
        };
        await connection.ExecuteAsync(new CommandDefinition(DeleteSessionBoundaries, args, tx, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(DeleteSessions, args, tx, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(InsertSession, args, tx, cancellationToken: cancellationToken));
        return new Session { FromSeq = fromSeq, HighWaterSeq = highWater };
    }

    private static async Task SaveBoundaryAsync(DbConnection connection, DbTransaction tx, string integrationId, string utcTimeFrom, int pageNumber, long lastSeq, CancellationToken cancellationToken)
    {
        var args = new { IntegrationId = integrationId, UtcTimeFrom = utcTimeFrom, PageNumber = pageNumber, LastSeq = lastSeq };
        await connection.ExecuteAsync(new CommandDefinition(DeleteBoundary, args, tx, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(InsertBoundary, args, tx, cancellationToken: cancellationToken));
    }

    private sealed class Session
    {
        public long FromSeq { get; init; }

        public long HighWaterSeq { get; init; }
    }

    private sealed class Boundary
    {
        public int PageNumber { get; init; }

        public long LastSeq { get; init; }
    }

    private sealed class PageRow
    {
        public long Seq { get; init; }

        public string ContentJson { get; init; } = string.Empty;
    }
}
