namespace ChannelBridge.Infrastructure.Persistence.Queries;

/// <summary>The statements of stable paging (<see cref="SnapshotPager"/>): a run's session and its page boundaries.</summary>
internal static class PagingSql
{
    // A run's session, with the nearest page end recorded below the page asked for (none: nulls): one read a page.
    public const string SelectSession = """
        SELECT s.FromSeq, s.HighWaterSeq, s.DeletionMark, s.Filter, s.CreatedUtc, b.PageNumber AS RecordedPage, b.LastSeq AS RecordedLastSeq
        FROM PagingSessions s
        LEFT JOIN PageBoundaries b ON b.IntegrationId = s.IntegrationId AND b.RunKey = s.RunKey AND b.PageNumber =
            (SELECT MAX(m.PageNumber) FROM PageBoundaries m WHERE m.IntegrationId = s.IntegrationId AND m.RunKey = s.RunKey AND m.PageNumber < @PageNumber)
        WHERE s.IntegrationId = @IntegrationId AND s.RunKey = @RunKey
        """;

    public const string DeleteRunBoundaries = """
        DELETE FROM PageBoundaries WHERE IntegrationId = @IntegrationId AND (RunKey = @RunKey OR RunKey IN
            (SELECT RunKey FROM PagingSessions WHERE IntegrationId = @IntegrationId AND CreatedUtc < @Expired))
        """;

    public const string DeleteRuns = """
        DELETE FROM PagingSessions WHERE IntegrationId = @IntegrationId AND (RunKey = @RunKey OR CreatedUtc < @Expired)
        """;

    public const string InsertSession = """
        INSERT INTO PagingSessions (IntegrationId, RunKey, FromSeq, HighWaterSeq, DeletionMark, Filter, CreatedUtc)
        VALUES (@IntegrationId, @RunKey, @FromSeq, @HighWaterSeq, @DeletionMark, @Filter, @CreatedUtc)
        """;

    // Only for the run still current in the database (same key range and mark), never for one replaced meanwhile; and
    // only ever moved down: the smallest end any node gave a page is where the page after it starts, so pages counted
    // differently by two nodes repeat orders and never skip them (ADR-005).
    public const string DeleteBoundary = """
        DELETE FROM PageBoundaries WHERE IntegrationId = @IntegrationId AND RunKey = @RunKey AND PageNumber = @PageNumber AND LastSeq > @LastSeq
          AND EXISTS (SELECT 1 FROM PagingSessions s WHERE s.IntegrationId = @IntegrationId AND s.RunKey = @RunKey AND s.FromSeq = @FromSeq AND s.HighWaterSeq = @HighWaterSeq AND s.DeletionMark = @DeletionMark
            AND COALESCE(s.Filter, '') = COALESCE(@Filter, ''))
        """;

    public const string InsertBoundary = """
        INSERT INTO PageBoundaries (IntegrationId, RunKey, PageNumber, LastSeq)
        SELECT @IntegrationId, @RunKey, @PageNumber, @LastSeq
        WHERE EXISTS (SELECT 1 FROM PagingSessions s WHERE s.IntegrationId = @IntegrationId AND s.RunKey = @RunKey AND s.FromSeq = @FromSeq AND s.HighWaterSeq = @HighWaterSeq AND s.DeletionMark = @DeletionMark
            AND COALESCE(s.Filter, '') = COALESCE(@Filter, ''))
          AND NOT EXISTS (SELECT 1 FROM PageBoundaries b WHERE b.IntegrationId = @IntegrationId AND b.RunKey = @RunKey AND b.PageNumber = @PageNumber)
        """;
}
