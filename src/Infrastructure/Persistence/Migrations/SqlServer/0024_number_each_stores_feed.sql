-- Seq: an update's cursor, numbered by its store (1, 2, 3 …), so the cursors and RefundReferences a store is given say
-- nothing of how many updates other stores receive (the table's Id counts every store's). Stores.FeedSeq is the last
-- number handed out; StoreFeedAppend raises it in the transaction that appends, under the store's row (ADR-041).
-- Existing updates keep their Id as their Seq, and each store's count starts past every cursor it has seen (its
-- newest update, its acknowledged cursor, its webhook's delivered cursor; older updates may have been deleted), so a
-- platform's stored cursor stays valid and nothing new is numbered below it.
ALTER TABLE dbo.StoreUpdates ADD Seq BIGINT NOT NULL CONSTRAINT DF_StoreUpdates_Seq DEFAULT 0;
ALTER TABLE dbo.Stores ADD FeedSeq BIGINT NOT NULL CONSTRAINT DF_Stores_FeedSeq DEFAULT 0;
GO
UPDATE dbo.StoreUpdates SET Seq = Id;
CREATE UNIQUE INDEX UX_StoreUpdates_StoreId_Seq ON dbo.StoreUpdates (StoreId, Seq);
DROP INDEX IX_StoreUpdates_StoreId_Id ON dbo.StoreUpdates;

UPDATE s SET FeedSeq = (
    SELECT MAX(v) FROM (VALUES
        ((SELECT MAX(u.Seq) FROM dbo.StoreUpdates u WHERE u.StoreId = s.Id)),
        ((SELECT c.AckedCursor FROM dbo.StoreFeedCursors c WHERE c.StoreId = s.Id)),
        ((SELECT w.DeliveredCursor FROM dbo.StoreWebhooks w WHERE w.StoreId = s.Id)),
        (0)) AS seen (v))
FROM dbo.Stores s;
