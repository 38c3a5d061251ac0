-- OrderCount: how many orders the store holds, kept in the transaction that inserts them (StoreWriteLock takes the
-- store's row first anyway), so a batch learns how much room the store has left under Orders:MaxOrdersPerStore by
-- reading one row, not by counting its orders (ADR-039). Orders are never deleted, so the count only grows.
ALTER TABLE dbo.Stores ADD OrderCount BIGINT NOT NULL CONSTRAINT DF_Stores_OrderCount DEFAULT 0;
GO
UPDATE s SET OrderCount = (SELECT COUNT_BIG(*) FROM dbo.Orders o WHERE o.StoreId = s.Id)
FROM dbo.Stores s;
