-- The characters of listing jobs and of the feed each store holds, counted again as the deletes measure them (ADR-039):
-- counted as .NET counts when written, every character past U+FFFF in a listing Linnworks sent (an emoji in a title)
-- counted twice going in and once going out, and the store's counts stayed that much high.
UPDATE Stores SET
    ListingJobChars =
        (SELECT COALESCE(SUM(LENGTH(i.ListingJson)), 0) FROM ListingFeedItems i JOIN ListingFeeds f ON f.FeedId = i.FeedId WHERE f.StoreId = Stores.Id)
      + (SELECT COALESCE(SUM(LENGTH(u.Payload)), 0) FROM StoreUpdates u WHERE u.StoreId = Stores.Id AND u.Type IN ('ListingCreate', 'ListingUpdate', 'ListingDelete')),
    FeedChars =
        (SELECT COALESCE(SUM(LENGTH(u.Payload) + LENGTH(u.DedupKey)), 0) FROM StoreUpdates u
         WHERE u.StoreId = Stores.Id AND u.Type NOT IN ('ListingCreate', 'ListingUpdate', 'ListingDelete'));
