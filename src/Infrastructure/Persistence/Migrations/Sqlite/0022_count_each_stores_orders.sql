-- OrderCount: how many orders the store holds, kept in the transaction that inserts them (StoreWriteLock takes the
-- store's row first anyway), so a batch learns how much room the store has left under Orders:MaxOrdersPerStore by
-- reading one row, not by counting its orders (ADR-039). Orders are never deleted, so the count only grows.
ALTER TABLE Stores ADD COLUMN OrderCount INTEGER NOT NULL DEFAULT 0;
UPDATE Stores SET OrderCount = (SELECT COUNT(*) FROM Orders o WHERE o.StoreId = Stores.Id);
