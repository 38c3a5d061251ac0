-- FeedChars: the characters (payload and key) of the entries on the store's updates feed other than listing jobs
-- (despatches, cancellations, refunds, stock and price levels), kept as they are appended and deleted, so a report from
-- Linnworks learns whether the store's feed has room under Updates:MaxFeedCharsPerStore by reading one row (ADR-039).
ALTER TABLE Stores ADD COLUMN FeedChars INTEGER NOT NULL DEFAULT 0;
UPDATE Stores SET FeedChars =
    (SELECT COALESCE(SUM(LENGTH(u.Payload) + LENGTH(u.DedupKey)), 0) FROM StoreUpdates u
     WHERE u.StoreId = Stores.Id AND u.Type NOT IN ('ListingCreate', 'ListingUpdate', 'ListingDelete'));
