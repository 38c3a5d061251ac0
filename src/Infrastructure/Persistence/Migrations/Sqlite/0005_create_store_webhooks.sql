-- A store's webhook: where feed updates are POSTed, how far delivery got, and which node holds the lease.
CREATE TABLE StoreWebhooks (
    StoreId         TEXT    NOT NULL PRIMARY KEY REFERENCES Stores (Id),
    Url             TEXT    NOT NULL,
    SecretCipher    TEXT    NOT NULL,
    DeliveredCursor INTEGER NOT NULL,
    Attempts        INTEGER NOT NULL,
    NextAttemptUtc  TEXT    NOT NULL,
    LastError       TEXT    NULL,
    LeaseOwner      TEXT    NULL,
    LeaseUntilUtc   TEXT    NULL,
    UpdatedUtc      TEXT    NOT NULL
);
CREATE INDEX IX_StoreWebhooks_NextAttemptUtc ON StoreWebhooks (NextAttemptUtc);
