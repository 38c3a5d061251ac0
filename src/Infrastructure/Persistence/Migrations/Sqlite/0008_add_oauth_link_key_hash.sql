-- An OAuth link remembers the store key's hash it was made under; a rotation cuts it off (issue 10).
-- Links made before this migration take the store's current key hash: they were valid until now.
ALTER TABLE UserConfigs ADD COLUMN LinkedKeyHash TEXT NULL;
UPDATE UserConfigs SET LinkedKeyHash = (SELECT s.KeyHash FROM Stores s WHERE s.Id = UserConfigs.StoreId) WHERE LinkedByOAuth = 1;
