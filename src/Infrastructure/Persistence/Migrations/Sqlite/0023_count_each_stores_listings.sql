-- ListingCount: how many listings the store holds, kept in the transactions that insert and delete them (the insert's
-- in the statement that takes the store's row), so a product push learns how much room the store has left under
-- Listings:MaxListingsPerStore by reading one row (ADR-039).
ALTER TABLE Stores ADD COLUMN ListingCount INTEGER NOT NULL DEFAULT 0;
UPDATE Stores SET ListingCount = (SELECT COUNT(*) FROM Listings l WHERE l.StoreId = Stores.Id);
