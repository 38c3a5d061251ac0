-- The characters of listing jobs and of the feed each store holds, counted again as the deletes measure them (ADR-039):
-- UTF-16 units (DATALENGTH / 2), as .NET counts them going in. Migrations 0026 and 0027 counted with LEN, which leaves
-- out trailing spaces and, under a supplementary-character (_SC) collation, counts a surrogate pair once.
UPDATE s SET
    ListingJobChars =
        (SELECT COALESCE(SUM(DATALENGTH(i.ListingJson) / 2), 0) FROM dbo.ListingFeedItems i JOIN dbo.ListingFeeds f ON f.FeedId = i.FeedId WHERE f.StoreId = s.Id)
      + (SELECT COALESCE(SUM(DATALENGTH(u.Payload) / 2), 0) FROM dbo.StoreUpdates u WHERE u.StoreId = s.Id AND u.Type IN ('ListingCreate', 'ListingUpdate', 'ListingDelete')),
    FeedChars =
        (SELECT COALESCE(SUM(DATALENGTH(u.Payload) / 2 + DATALENGTH(u.DedupKey) / 2), 0) FROM dbo.StoreUpdates u
         WHERE u.StoreId = s.Id AND u.Type NOT IN ('ListingCreate', 'ListingUpdate', 'ListingDelete'))
FROM dbo.Stores s;
