-- ListingJobChars: the characters of listing jobs the store holds (its listing feeds' listings, and their entries on
-- its updates feed), kept as they are written and deleted, so a ListingUpdate learns how much room the store has left
-- under Listings:MaxListingJobCharsPerStore by reading one row (ADR-039).
ALTER TABLE Stores ADD COLUMN ListingJobChars INTEGER NOT NULL DEFAULT 0;
UPDATE Stores SET ListingJobChars =
    (SELECT COALESCE(SUM(LENGTH(i.ListingJson)), 0) FROM ListingFeedItems i JOIN ListingFeeds f ON f.FeedId = i.FeedId WHERE f.StoreId = Stores.Id)
  + (SELECT COALESCE(SUM(LENGTH(u.Payload)), 0) FROM StoreUpdates u WHERE u.StoreId = Stores.Id AND u.Type IN ('ListingCreate', 'ListingUpdate', 'ListingDelete'));
