-- The format Orders.ContentJson is written in (OrderContentFormat); every row so far is format 1.
ALTER TABLE dbo.Orders ADD ContentFormat INT NOT NULL CONSTRAINT DF_Orders_ContentFormat DEFAULT 1;
