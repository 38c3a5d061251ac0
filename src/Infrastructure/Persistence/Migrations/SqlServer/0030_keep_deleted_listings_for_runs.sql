-- A listing deleted (by the channel, or by a listing-tool post): its id, kept for two days, twice a Products run's
-- lifetime. A Products run counts its listings as they were when it began (ADR-005): one deleted since (Seq above the
-- run's DeletionMark) keeps its place and is not served, so a page found again by counting (another node, a restart)
-- starts where the run's first reading of it did. The hourly maintenance deletes the rest. Each store's deletions hold
-- its row, so its Seqs commit in order.
CREATE TABLE dbo.DeletedListings (
    Seq        BIGINT IDENTITY(1, 1) NOT NULL CONSTRAINT PK_DeletedListings PRIMARY KEY,
    StoreId    NVARCHAR(64) NOT NULL,
    ListingId  BIGINT       NOT NULL,
    DeletedUtc DATETIME2(7) NOT NULL
);
CREATE INDEX IX_DeletedListings_StoreId_ListingId ON dbo.DeletedListings (StoreId, ListingId); -- Seq, the clustered key, is in every index
CREATE INDEX IX_DeletedListings_StoreId_Seq ON dbo.DeletedListings (StoreId, Seq);
CREATE INDEX IX_DeletedListings_DeletedUtc ON dbo.DeletedListings (DeletedUtc);

-- The newest DeletedListings Seq of the store when a Products run began (0 for Orders runs, and for runs begun before
-- this script: every listing deleted since counts in, as it did for them).
ALTER TABLE dbo.PagingSessions ADD DeletionMark BIGINT NOT NULL CONSTRAINT DF_PagingSessions_DeletionMark DEFAULT 0;
