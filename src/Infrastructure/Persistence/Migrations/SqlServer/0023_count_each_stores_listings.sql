-- ListingCount: how many listings the store holds, kept in the transactions that insert and delete them (the insert's
-- in the statement that takes the store's row), so a product push learns how much room the store has left under
-- Listings:MaxListingsPerStore by reading one row (ADR-039).
ALTER TABLE dbo.Stores ADD ListingCount BIGINT NOT NULL CONSTRAINT DF_Stores_ListingCount DEFAULT 0;
GO
UPDATE s SET ListingCount = (SELECT COUNT_BIG(*) FROM dbo.Listings l WHERE l.StoreId = s.Id)
FROM dbo.Stores s;
