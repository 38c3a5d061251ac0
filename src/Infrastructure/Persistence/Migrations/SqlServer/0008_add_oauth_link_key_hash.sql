-- An OAuth link remembers the store key's hash it was made under; a rotation cuts it off (issue 10).
-- Links made before this migration take the store's current key hash: they were valid until now.
ALTER TABLE dbo.UserConfigs ADD LinkedKeyHash CHAR(64) NULL;
GO
UPDATE u SET LinkedKeyHash = s.KeyHash FROM dbo.UserConfigs u JOIN dbo.Stores s ON s.Id = u.StoreId WHERE u.LinkedByOAuth = 1;
