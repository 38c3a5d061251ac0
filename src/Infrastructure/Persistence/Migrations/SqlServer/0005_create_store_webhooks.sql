-- A store's webhook: where feed updates are POSTed, how far delivery got, and which node holds the lease.
CREATE TABLE dbo.StoreWebhooks (
    StoreId         NVARCHAR(64)   NOT NULL CONSTRAINT PK_StoreWebhooks PRIMARY KEY CONSTRAINT FK_StoreWebhooks_Stores REFERENCES dbo.Stores (Id),
    Url             NVARCHAR(2000) NOT NULL,
    SecretCipher    NVARCHAR(MAX)  NOT NULL,
    DeliveredCursor BIGINT         NOT NULL,
    Attempts        INT            NOT NULL,
    NextAttemptUtc  DATETIME2(7)   NOT NULL,
    LastError       NVARCHAR(1000) NULL,
    LeaseOwner      NVARCHAR(100)  NULL,
    LeaseUntilUtc   DATETIME2(7)   NULL,
    UpdatedUtc      DATETIME2(7)   NOT NULL
);
CREATE INDEX IX_StoreWebhooks_NextAttemptUtc ON dbo.StoreWebhooks (NextAttemptUtc);
