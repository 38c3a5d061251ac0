-- FeedChars: the characters (payload and key) of the entries on the store's updates feed other than listing jobs
-- (despatches, cancellations, refunds, stock and price levels), kept as they are appended and deleted, so a report from
-- Linnworks learns whether the store's feed has room under Updates:MaxFeedCharsPerStore by reading one row (ADR-039).
ALTER TABLE dbo.Stores ADD FeedChars BIGINT NOT NULL CONSTRAINT DF_Stores_FeedChars DEFAULT 0;
GO
UPDATE s SET FeedChars =
    (SELECT COALESCE(SUM(CAST(LEN(u.Payload) AS BIGINT) + LEN(u.DedupKey)), 0) FROM dbo.StoreUpdates u
     WHERE u.StoreId = s.Id AND u.Type NOT IN ('ListingCreate', 'ListingUpdate', 'ListingDelete'))
FROM dbo.Stores s;
