-- SKU and ReferenceNumber compare as Linnworks matches them and as SQLite and our code do: exactly, by code point
-- (the database default collation is case- and width-insensitive: "ABC" beside "abc" hit the unique key and failed
-- whole batches). Leading and trailing spaces are trimmed before they reach the database (SQL Server ignores
-- trailing spaces in comparisons under every collation).
DROP INDEX UX_Listings_StoreId_SKU ON dbo.Listings;
DROP INDEX IX_Listings_StoreId_Id ON dbo.Listings;
ALTER TABLE dbo.Listings ALTER COLUMN SKU NVARCHAR(100) COLLATE Latin1_General_100_BIN2 NOT NULL;
CREATE UNIQUE INDEX UX_Listings_StoreId_SKU ON dbo.Listings (StoreId, SKU);
CREATE INDEX IX_Listings_StoreId_Id ON dbo.Listings (StoreId, Id) INCLUDE (SKU, Title, Quantity, Price, Reference);

DROP INDEX UX_Orders_StoreId_ReferenceNumber ON dbo.Orders;
ALTER TABLE dbo.Orders ALTER COLUMN ReferenceNumber NVARCHAR(100) COLLATE Latin1_General_100_BIN2 NOT NULL;
CREATE UNIQUE INDEX UX_Orders_StoreId_ReferenceNumber ON dbo.Orders (StoreId, ReferenceNumber);

-- Rotating a key deletes the store's tokens by StoreId.
CREATE INDEX IX_OAuthTokens_StoreId ON dbo.OAuthTokens (StoreId);
