-- Orders of a store, as the channel last sent them (ContentJson), and what Linnworks reported back (PostSaleJson).
CREATE TABLE Orders (
    Id              INTEGER PRIMARY KEY AUTOINCREMENT,
    StoreId         TEXT    NOT NULL REFERENCES Stores (Id),
    ReferenceNumber TEXT    NOT NULL,
    ContentJson     TEXT    NOT NULL,
    ContentHash     TEXT    NOT NULL,
    PaymentStatus   TEXT    NOT NULL,
    ReceivedDate    TEXT    NULL,
    FirstSeenUtc    TEXT    NOT NULL,
    LastChangedUtc  TEXT    NOT NULL,
    Status          INTEGER NOT NULL,
    PostSaleJson    TEXT    NOT NULL,
    Version         INTEGER NOT NULL
);
CREATE UNIQUE INDEX UX_Orders_StoreId_ReferenceNumber ON Orders (StoreId, ReferenceNumber);

-- Every creation or change of an order from the channel; Linnworks pages through these by Seq.
CREATE TABLE OrderChanges (
    Seq        INTEGER PRIMARY KEY AUTOINCREMENT,
    StoreId    TEXT    NOT NULL,
    OrderId    INTEGER NOT NULL REFERENCES Orders (Id),
    ChangedUtc TEXT    NOT NULL
);
CREATE INDEX IX_OrderChanges_StoreId_Seq ON OrderChanges (StoreId, Seq);
CREATE INDEX IX_OrderChanges_StoreId_ChangedUtc ON OrderChanges (StoreId, ChangedUtc);
CREATE INDEX IX_OrderChanges_OrderId_Seq ON OrderChanges (OrderId, Seq);

-- A download run (orders since a UTCTimeFrom, or products): fixed at PageNumber 1 so later pages neither skip nor repeat.
CREATE TABLE PagingSessions (
    IntegrationId TEXT    NOT NULL,
    RunKey        TEXT    NOT NULL,
    FromSeq       INTEGER NOT NULL,
    HighWaterSeq  INTEGER NOT NULL,
    CreatedUtc    TEXT    NOT NULL,
    PRIMARY KEY (IntegrationId, RunKey)
);

-- The last key (Seq or Id) of each page served in a run: page N+1 seeks past it.
CREATE TABLE PageBoundaries (
    IntegrationId TEXT    NOT NULL,
    RunKey        TEXT    NOT NULL,
    PageNumber    INTEGER NOT NULL,
    LastSeq       INTEGER NOT NULL,
    PRIMARY KEY (IntegrationId, RunKey, PageNumber)
);

-- The store's durable feed of what Linnworks sent (despatches, cancellations, refunds …).
CREATE TABLE StoreUpdates (
    Id          INTEGER PRIMARY KEY AUTOINCREMENT,
    StoreId     TEXT    NOT NULL REFERENCES Stores (Id),
    Type        TEXT    NOT NULL,
    ReceivedUtc TEXT    NOT NULL,
    Payload     TEXT    NOT NULL,
    DedupKey    TEXT    NOT NULL
);
CREATE UNIQUE INDEX UX_StoreUpdates_StoreId_DedupKey ON StoreUpdates (StoreId, DedupKey);
CREATE INDEX IX_StoreUpdates_StoreId_Id ON StoreUpdates (StoreId, Id);

CREATE TABLE StoreFeedCursors (
    StoreId     TEXT    NOT NULL PRIMARY KEY REFERENCES Stores (Id),
    AckedCursor INTEGER NOT NULL
);
