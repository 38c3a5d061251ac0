-- SQLite already compares SKU and ReferenceNumber exactly (BINARY collation), as SQL Server now does (0009 there).
-- Rotating a key deletes the store's tokens by StoreId.
CREATE INDEX IX_OAuthTokens_StoreId ON OAuthTokens (StoreId);
