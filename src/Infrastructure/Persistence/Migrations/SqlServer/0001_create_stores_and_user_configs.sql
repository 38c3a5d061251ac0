-- Stores: the channel-side accounts. KeyHash is the SHA-256 of the StoreKey; the key is never stored.
CREATE TABLE dbo.Stores (
    Id          NVARCHAR(64)  NOT NULL CONSTRAINT PK_Stores PRIMARY KEY,
    Name        NVARCHAR(200) NOT NULL,
    KeyHash     CHAR(64)      NOT NULL,
    IsActive    BIT           NOT NULL,
    CreatedUtc  DATETIME2(7)  NOT NULL,
    UpdatedUtc  DATETIME2(7)  NOT NULL,
    Version     INT           NOT NULL
);
CREATE UNIQUE INDEX UX_Stores_KeyHash ON dbo.Stores (KeyHash);

-- Shipping (Kind 1) and payment (Kind 2) tags, in the order the channel sent them.
CREATE TABLE dbo.StoreTags (
    StoreId      NVARCHAR(64)  NOT NULL CONSTRAINT FK_StoreTags_Stores REFERENCES dbo.Stores (Id),
    Kind         TINYINT       NOT NULL,
    Position     INT           NOT NULL,
    Tag          NVARCHAR(64)  NOT NULL,
    FriendlyName NVARCHAR(255) NOT NULL,
    Site         NVARCHAR(25)  NOT NULL,
    CONSTRAINT PK_StoreTags PRIMARY KEY (StoreId, Kind, Position)
);

-- One Linnworks integration. TokenHash is the SHA-256 of the AuthorizationToken.
CREATE TABLE dbo.UserConfigs (
    Id                        NVARCHAR(64)  NOT NULL CONSTRAINT PK_UserConfigs PRIMARY KEY,
    TokenHash                 CHAR(64)      NOT NULL,
    LinnworksUniqueIdentifier NVARCHAR(100) NOT NULL,
    Email                     NVARCHAR(320) NOT NULL,
    AccountName               NVARCHAR(255) NOT NULL,
    StepName                  NVARCHAR(100) NOT NULL,
    StoreId                   NVARCHAR(64)  NULL CONSTRAINT FK_UserConfigs_Stores REFERENCES dbo.Stores (Id),
    IsDeleted                 BIT           NOT NULL,
    CreatedUtc                DATETIME2(7)  NOT NULL,
    UpdatedUtc                DATETIME2(7)  NOT NULL,
    Version                   INT           NOT NULL
);
CREATE UNIQUE INDEX UX_UserConfigs_TokenHash ON dbo.UserConfigs (TokenHash);
CREATE INDEX IX_UserConfigs_LinnworksUniqueIdentifier ON dbo.UserConfigs (LinnworksUniqueIdentifier);
CREATE INDEX IX_UserConfigs_StoreId ON dbo.UserConfigs (StoreId);

-- Config item values; IsSecret values (PASSWORD) hold Data Protection ciphertext.
CREATE TABLE dbo.ConfigValues (
    UserConfigId NVARCHAR(64)  NOT NULL CONSTRAINT FK_ConfigValues_UserConfigs REFERENCES dbo.UserConfigs (Id),
    ConfigItemId NVARCHAR(100) NOT NULL,
    Value        NVARCHAR(MAX) NOT NULL,
    IsSecret     BIT           NOT NULL,
    CONSTRAINT PK_ConfigValues PRIMARY KEY (UserConfigId, ConfigItemId)
);
