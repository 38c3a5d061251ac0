-- Orders of a store, as the channel last sent them (ContentJson), and what Linnworks reported back (PostSaleJson).
CREATE TABLE dbo.Orders (
    Id              BIGINT IDENTITY(1, 1) NOT NULL CONSTRAINT PK_Orders PRIMARY KEY,
    StoreId         NVARCHAR(64)  NOT NULL CONSTRAINT FK_Orders_Stores REFERENCES dbo.Stores (Id),
    ReferenceNumber NVARCHAR(100) NOT NULL,
    ContentJson     NVARCHAR(MAX) NOT NULL,
    ContentHash     CHAR(64)      NOT NULL,
    PaymentStatus   VARCHAR(10)   NOT NULL,
    ReceivedDate    DATETIME2(7)  NULL,
    FirstSeenUtc    DATETIME2(7)  NOT NULL,
    LastChangedUtc  DATETIME2(7)  NOT NULL,
    Status          TINYINT       NOT NULL,
    PostSaleJson    NVARCHAR(MAX) NOT NULL,
    Version         INT           NOT NULL
);
CREATE UNIQUE INDEX UX_Orders_StoreId_ReferenceNumber ON dbo.Orders (StoreId, ReferenceNumber);

-- Every creation or change of an order from the channel; Linnworks pages through these by Seq.
CREATE TABLE dbo.OrderChanges (
    Seq        BIGINT IDENTITY(1, 1) NOT NULL CONSTRAINT PK_OrderChanges PRIMARY KEY,
    StoreId    NVARCHAR(64) NOT NULL,
    OrderId    BIGINT       NOT NULL CONSTRAINT FK_OrderChanges_Orders REFERENCES dbo.Orders (Id),
    ChangedUtc DATETIME2(7) NOT NULL
);
CREATE INDEX IX_OrderChanges_StoreId_Seq ON dbo.OrderChanges (StoreId, Seq) INCLUDE (OrderId);
CREATE INDEX IX_OrderChanges_StoreId_ChangedUtc ON dbo.OrderChanges (StoreId, ChangedUtc);
CREATE INDEX IX_OrderChanges_OrderId_Seq ON dbo.OrderChanges (OrderId, Seq);

-- A download run (orders since a UTCTimeFrom, or products): fixed at PageNumber 1 so later pages neither skip nor repeat.
CREATE TABLE dbo.PagingSessions (
    IntegrationId NVARCHAR(64) NOT NULL,
    RunKey        NVARCHAR(80) NOT NULL,
    FromSeq       BIGINT       NOT NULL,
    HighWaterSeq  BIGINT       NOT NULL,
    CreatedUtc    DATETIME2(7) NOT NULL,
    CONSTRAINT PK_PagingSessions PRIMARY KEY (IntegrationId, RunKey)
);

-- The last key (Seq or Id) of each page served in a run: page N+1 seeks past it.
CREATE TABLE dbo.PageBoundaries (
    IntegrationId NVARCHAR(64) NOT NULL,
    RunKey        NVARCHAR(80) NOT NULL,
    PageNumber    INT          NOT NULL,
    LastSeq       BIGINT       NOT NULL,
    CONSTRAINT PK_PageBoundaries PRIMARY KEY (IntegrationId, RunKey, PageNumber)
);

-- The store's durable feed of what Linnworks sent (despatches, cancellations, refunds …).
CREATE TABLE dbo.StoreUpdates (
    Id          BIGINT IDENTITY(1, 1) NOT NULL CONSTRAINT PK_StoreUpdates PRIMARY KEY,
    StoreId     NVARCHAR(64)  NOT NULL CONSTRAINT FK_StoreUpdates_Stores REFERENCES dbo.Stores (Id),
    Type        NVARCHAR(20)  NOT NULL,
    ReceivedUtc DATETIME2(7)  NOT NULL,
    Payload     NVARCHAR(MAX) NOT NULL,
    DedupKey    NVARCHAR(100) NOT NULL
);
CREATE UNIQUE INDEX UX_StoreUpdates_StoreId_DedupKey ON dbo.StoreUpdates (StoreId, DedupKey);
CREATE INDEX IX_StoreUpdates_StoreId_Id ON dbo.StoreUpdates (StoreId, Id);

CREATE TABLE dbo.StoreFeedCursors (
    StoreId     NVARCHAR(64) NOT NULL CONSTRAINT PK_StoreFeedCursors PRIMARY KEY CONSTRAINT FK_StoreFeedCursors_Stores REFERENCES dbo.Stores (Id),
    AckedCursor BIGINT       NOT NULL
);
