-- ListingJobChars: the characters of listing jobs the store holds (its listing feeds' listings, and their entries on
-- its updates feed), kept as they are written and deleted, so a ListingUpdate learns how much room the store has left
-- under Listings:MaxListingJobCharsPerStore by reading one row (ADR-039).
ALTER TABLE dbo.Stores ADD ListingJobChars BIGINT NOT NULL CONSTRAINT DF_Stores_ListingJobChars DEFAULT 0;
GO
UPDATE s SET ListingJobChars =
    (SELECT COALESCE(SUM(CAST(LEN(i.ListingJson) AS BIGINT)), 0) FROM dbo.ListingFeedItems i JOIN dbo.ListingFeeds f ON f.FeedId = i.FeedId WHERE f.StoreId = s.Id)
  + (SELECT COALESCE(SUM(CAST(LEN(u.Payload) AS BIGINT)), 0) FROM dbo.StoreUpdates u WHERE u.StoreId = s.Id AND u.Type IN ('ListingCreate', 'ListingUpdate', 'ListingDelete'))
FROM dbo.Stores s;
