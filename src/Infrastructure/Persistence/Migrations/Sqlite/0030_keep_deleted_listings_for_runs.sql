-- A listing deleted (by the channel, or by a listing-tool post): its id, kept for two days, twice a Products run's
-- lifetime. A Products run counts its listings as they were when it began (ADR-005): one deleted since (Seq above the
-- run's DeletionMark, paging migration 0002) keeps its place and is not served, so a page found again by counting
-- (another node, a restart) starts where the run's first reading of it did. The hourly maintenance deletes the rest.
CREATE TABLE DeletedListings (
    Seq        INTEGER PRIMARY KEY AUTOINCREMENT,
    StoreId    TEXT    NOT NULL,
    ListingId  INTEGER NOT NULL,
    DeletedUtc TEXT    NOT NULL
);
CREATE INDEX IX_DeletedListings_StoreId_ListingId ON DeletedListings (StoreId, ListingId);
CREATE INDEX IX_DeletedListings_StoreId_Seq ON DeletedListings (StoreId, Seq);
CREATE INDEX IX_DeletedListings_DeletedUtc ON DeletedListings (DeletedUtc);
