-- The Data Protection key ring, shared by every node; each key's XML is encrypted with DataProtection:KeyRingKey.
CREATE TABLE dbo.DataProtectionKeys (
    FriendlyName NVARCHAR(200) NOT NULL CONSTRAINT PK_DataProtectionKeys PRIMARY KEY,
    Xml          NVARCHAR(MAX) NOT NULL,
    CreatedUtc   DATETIME2(7)  NOT NULL
);

-- OAuth access tokens (client_credentials), stored as SHA-256 hashes.
CREATE TABLE dbo.OAuthTokens (
    TokenHash  CHAR(64)      NOT NULL CONSTRAINT PK_OAuthTokens PRIMARY KEY,
    StoreId    NVARCHAR(64)  NOT NULL CONSTRAINT FK_OAuthTokens_Stores REFERENCES dbo.Stores (Id),
    Scope      NVARCHAR(400) NOT NULL,
    ExpiresUtc DATETIME2(7)  NOT NULL,
    CreatedUtc DATETIME2(7)  NOT NULL
);
CREATE INDEX IX_OAuthTokens_ExpiresUtc ON dbo.OAuthTokens (ExpiresUtc);

-- Integrations linked through OAuth carry no StoreKey; their access is proven by the bearer token.
ALTER TABLE dbo.UserConfigs ADD LinkedByOAuth BIT NOT NULL CONSTRAINT DF_UserConfigs_LinkedByOAuth DEFAULT 0;
