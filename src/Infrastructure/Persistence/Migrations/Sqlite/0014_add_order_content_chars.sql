-- The length of Orders.ContentJson in characters, written with the row: an Orders page's size budget reads it
-- instead of counting the characters of every order's JSON on every page. Rows written by a node from before
-- this script leave it NULL; the page then counts, as before.
ALTER TABLE Orders ADD COLUMN ContentChars INTEGER NULL;
UPDATE Orders SET ContentChars = LENGTH(ContentJson);
