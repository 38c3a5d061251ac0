-- The format Orders.ContentJson is written in (OrderContentFormat); every row so far is format 1.
ALTER TABLE Orders ADD COLUMN ContentFormat INTEGER NOT NULL DEFAULT 1;
