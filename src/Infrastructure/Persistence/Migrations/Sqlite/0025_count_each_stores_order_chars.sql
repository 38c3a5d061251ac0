-- OrderChars: the characters of content (Orders.ContentChars) the store's orders hold, kept in the transaction that
-- writes them, in the statement that takes the store's row (StoreWriteLock), so a batch learns how much room the store
-- has left under Orders:MaxOrderCharsPerStore by reading one row (ADR-039). A row from before ContentChars counts its
-- JSON's length.
ALTER TABLE Stores ADD COLUMN OrderChars INTEGER NOT NULL DEFAULT 0;
UPDATE Stores SET OrderChars = (SELECT COALESCE(SUM(COALESCE(o.ContentChars, LENGTH(o.ContentJson))), 0) FROM Orders o WHERE o.StoreId = Stores.Id);
