-- Buyers' personal data (ADR-018): when it was erased from an order, how long a store keeps it, and an audit of
-- every erasure that holds no personal data itself.
ALTER TABLE dbo.Orders ADD ErasedUtc DATETIME2(7) NULL;
GO
-- The retention sweep's candidates: finished (despatched 2, cancelled 3) orders still holding personal data, oldest first.
CREATE INDEX IX_Orders_Retention ON dbo.Orders (StoreId, LastChangedUtc) WHERE Status IN (2, 3) AND ErasedUtc IS NULL;

-- NULL: the service's Orders:PersonalDataRetentionDays; 0: kept until erased on request.
ALTER TABLE dbo.Stores ADD PersonalDataRetentionDays INT NULL;

CREATE TABLE dbo.PersonalDataErasures (
    Id          BIGINT IDENTITY(1, 1) NOT NULL CONSTRAINT PK_PersonalDataErasures PRIMARY KEY,
    StoreId     NVARCHAR(64) NOT NULL,
    ErasedUtc   DATETIME2(7) NOT NULL,
    Reason      NVARCHAR(20) NOT NULL,
    Orders      INT          NOT NULL,
    FeedEntries INT          NOT NULL
);
CREATE INDEX IX_PersonalDataErasures_StoreId_Id ON dbo.PersonalDataErasures (StoreId, Id);

-- One node at a time runs a named background job (the retention sweep): it holds the lease until LeaseUntilUtc.
CREATE TABLE dbo.JobLeases (
    Name          NVARCHAR(64) NOT NULL CONSTRAINT PK_JobLeases PRIMARY KEY,
    Owner         NVARCHAR(64) NOT NULL,
    LeaseUntilUtc DATETIME2(7) NOT NULL
);
