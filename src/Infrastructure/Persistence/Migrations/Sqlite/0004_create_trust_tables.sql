-- The Data Protection key ring, shared by every node; each key's XML is encrypted with DataProtection:KeyRingKey.
CREATE TABLE DataProtectionKeys (
    FriendlyName TEXT NOT NULL PRIMARY KEY,
    Xml          TEXT NOT NULL,
    CreatedUtc   TEXT NOT NULL
);

-- OAuth access tokens (client_credentials), stored as SHA-256 hashes.
CREATE TABLE OAuthTokens (
    TokenHash  TEXT NOT NULL PRIMARY KEY,
    StoreId    TEXT NOT NULL REFERENCES Stores (Id),
    Scope      TEXT NOT NULL,
    ExpiresUtc TEXT NOT NULL,
    CreatedUtc TEXT NOT NULL
);
CREATE INDEX IX_OAuthTokens_ExpiresUtc ON OAuthTokens (ExpiresUtc);

-- Integrations linked through OAuth carry no StoreKey; their access is proven by the bearer token.
ALTER TABLE UserConfigs ADD COLUMN LinkedByOAuth INTEGER NOT NULL DEFAULT 0;
