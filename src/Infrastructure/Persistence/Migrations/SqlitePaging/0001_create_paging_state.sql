-- The paging state of SQLite deployments (ADR-021), in its own file beside the database: the same tables as the
-- database's PagingSessions and PageBoundaries on SQL Server (Migrations/SqlServer/0002).

-- A download run (orders since a UTCTimeFrom, or products): fixed at PageNumber 1 so later pages neither skip nor repeat.
CREATE TABLE PagingSessions (
    IntegrationId TEXT    NOT NULL,
    RunKey        TEXT    NOT NULL,
    FromSeq       INTEGER NOT NULL,
    HighWaterSeq  INTEGER NOT NULL,
    CreatedUtc    TEXT    NOT NULL,
    PRIMARY KEY (IntegrationId, RunKey)
);

-- The last key (Seq or Id) of each page served in a run: page N+1 seeks past it.
CREATE TABLE PageBoundaries (
    IntegrationId TEXT    NOT NULL,
    RunKey        TEXT    NOT NULL,
    PageNumber    INTEGER NOT NULL,
    LastSeq       INTEGER NOT NULL,
    PRIMARY KEY (IntegrationId, RunKey, PageNumber)
);
