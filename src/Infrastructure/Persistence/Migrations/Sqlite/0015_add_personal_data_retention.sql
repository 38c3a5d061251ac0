-- Buyers' personal data (ADR-018): when it was erased from an order, how long a store keeps it, and an audit of
-- every erasure that holds no personal data itself.
ALTER TABLE Orders ADD COLUMN ErasedUtc TEXT NULL;

-- The retention sweep's candidates: finished (despatched 2, cancelled 3) orders still holding personal data, oldest first.
CREATE INDEX IX_Orders_Retention ON Orders (StoreId, LastChangedUtc) WHERE Status IN (2, 3) AND ErasedUtc IS NULL;

-- NULL: the service's Orders:PersonalDataRetentionDays; 0: kept until erased on request.
ALTER TABLE Stores ADD COLUMN PersonalDataRetentionDays INTEGER NULL;

CREATE TABLE PersonalDataErasures (
    Id         INTEGER PRIMARY KEY AUTOINCREMENT,
    StoreId    TEXT    NOT NULL,
    ErasedUtc  TEXT    NOT NULL,
    Reason     TEXT    NOT NULL,
    Orders     INTEGER NOT NULL,
    FeedEntries INTEGER NOT NULL
);
CREATE INDEX IX_PersonalDataErasures_StoreId_Id ON PersonalDataErasures (StoreId, Id);

-- One node at a time runs a named background job (the retention sweep): it holds the lease until LeaseUntilUtc.
CREATE TABLE JobLeases (
    Name          TEXT NOT NULL PRIMARY KEY,
    Owner         TEXT NOT NULL,
    LeaseUntilUtc TEXT NOT NULL
);
