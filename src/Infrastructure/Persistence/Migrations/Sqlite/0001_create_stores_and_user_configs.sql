-- Stores: the channel-side accounts. KeyHash is the SHA-256 of the StoreKey; the key is never stored.
CREATE TABLE Stores (
    Id          TEXT    NOT NULL PRIMARY KEY,
    Name        TEXT    NOT NULL,
    KeyHash     TEXT    NOT NULL,
    IsActive    INTEGER NOT NULL,
    CreatedUtc  TEXT    NOT NULL,
    UpdatedUtc  TEXT    NOT NULL,
    Version     INTEGER NOT NULL
);
CREATE UNIQUE INDEX UX_Stores_KeyHash ON Stores (KeyHash);

-- Shipping (Kind 1) and payment (Kind 2) tags, in the order the channel sent them.
CREATE TABLE StoreTags (
    StoreId      TEXT    NOT NULL REFERENCES Stores (Id),
    Kind         INTEGER NOT NULL,
    Position     INTEGER NOT NULL,
    Tag          TEXT    NOT NULL,
    FriendlyName TEXT    NOT NULL,
    Site         TEXT    NOT NULL,
    PRIMARY KEY (StoreId, Kind, Position)
);

-- One Linnworks integration. TokenHash is the SHA-256 of the AuthorizationToken.
CREATE TABLE UserConfigs (
    Id                        TEXT    NOT NULL PRIMARY KEY,
    TokenHash                 TEXT    NOT NULL,
    LinnworksUniqueIdentifier TEXT    NOT NULL,
    Email                     TEXT    NOT NULL,
    AccountName               TEXT    NOT NULL,
    StepName                  TEXT    NOT NULL,
    StoreId                   TEXT    NULL REFERENCES Stores (Id),
    IsDeleted                 INTEGER NOT NULL,
    CreatedUtc                TEXT    NOT NULL,
    UpdatedUtc                TEXT    NOT NULL,
    Version                   INTEGER NOT NULL
);
CREATE UNIQUE INDEX UX_UserConfigs_TokenHash ON UserConfigs (TokenHash);
CREATE INDEX IX_UserConfigs_LinnworksUniqueIdentifier ON UserConfigs (LinnworksUniqueIdentifier);
CREATE INDEX IX_UserConfigs_StoreId ON UserConfigs (StoreId);

-- Config item values; IsSecret values (PASSWORD) hold Data Protection ciphertext.
CREATE TABLE ConfigValues (
    UserConfigId TEXT    NOT NULL REFERENCES UserConfigs (Id),
    ConfigItemId TEXT    NOT NULL,
    Value        TEXT    NOT NULL,
    IsSecret     INTEGER NOT NULL,
    PRIMARY KEY (UserConfigId, ConfigItemId)
);
