-- Seq: an update's cursor, numbered by its store (1, 2, 3 …), so the cursors and RefundReferences a store is given say
-- nothing of how many updates other stores receive (the table's Id counts every store's). Stores.FeedSeq is the last
-- number handed out; StoreFeedAppend raises it in the transaction that appends, under the store's row (ADR-041).
-- Existing updates keep their Id as their Seq, and each store's count starts past every cursor it has seen (its
-- newest update, its acknowledged cursor, its webhook's delivered cursor; older updates may have been deleted), so a
-- platform's stored cursor stays valid and nothing new is numbered below it.
ALTER TABLE StoreUpdates ADD COLUMN Seq INTEGER NOT NULL DEFAULT 0;
UPDATE StoreUpdates SET Seq = Id;
CREATE UNIQUE INDEX UX_StoreUpdates_StoreId_Seq ON StoreUpdates (StoreId, Seq);
DROP INDEX IX_StoreUpdates_StoreId_Id;

ALTER TABLE Stores ADD COLUMN FeedSeq INTEGER NOT NULL DEFAULT 0;
UPDATE Stores SET FeedSeq = MAX(
    COALESCE((SELECT MAX(u.Seq) FROM StoreUpdates u WHERE u.StoreId = Stores.Id), 0),
    COALESCE((SELECT c.AckedCursor FROM StoreFeedCursors c WHERE c.StoreId = Stores.Id), 0),
    COALESCE((SELECT w.DeliveredCursor FROM StoreWebhooks w WHERE w.StoreId = Stores.Id), 0));
