-- OrderChars: the characters of content (Orders.ContentChars) the store's orders hold, kept in the transaction that
-- writes them, in the statement that takes the store's row (StoreWriteLock), so a batch learns how much room the store
-- has left under Orders:MaxOrderCharsPerStore by reading one row (ADR-039). A row from before ContentChars counts its
-- JSON's length.
ALTER TABLE dbo.Stores ADD OrderChars BIGINT NOT NULL CONSTRAINT DF_Stores_OrderChars DEFAULT 0;
GO
UPDATE s SET OrderChars = (SELECT COALESCE(SUM(CAST(COALESCE(o.ContentChars, LEN(o.ContentJson)) AS BIGINT)), 0) FROM dbo.Orders o WHERE o.StoreId = s.Id)
FROM dbo.Stores s;
