-- Linnworks' listing tool (issue 12). Channel-wide documents the operator uploads, each replaced whole:
-- Kind 'settings' (DocKey ''), 'attributes' and 'variations' (DocKey = CategoryId).
CREATE TABLE dbo.ListingDocuments (
    Kind       VARCHAR(20)   NOT NULL,
    DocKey     NVARCHAR(40)  NOT NULL,
    Json       NVARCHAR(MAX) NOT NULL,
    Version    INT           NOT NULL,
    UpdatedUtc DATETIME2(7)  NOT NULL,
    CONSTRAINT PK_ListingDocuments PRIMARY KEY (Kind, DocKey)
);

-- Category lists, one version per upload; a download run keeps the version it started on.
CREATE TABLE dbo.ListingCategorySets (
    Version    BIGINT IDENTITY(1, 1) NOT NULL CONSTRAINT PK_ListingCategorySets PRIMARY KEY,
    IsCurrent  BIT          NOT NULL,
    CreatedUtc DATETIME2(7) NOT NULL
);

CREATE TABLE dbo.ListingCategories (
    Version      BIGINT        NOT NULL,
    Position     INT           NOT NULL,
    CategoryId   BIGINT        NOT NULL,
    CategoryName NVARCHAR(500) NOT NULL,
    CONSTRAINT PK_ListingCategories PRIMARY KEY (Version, Position)
);

-- A ListingUpdate or ListingDelete call: one feed with one item (job) per listing; the platform reports each.
CREATE TABLE dbo.ListingFeeds (
    FeedId        NVARCHAR(64)  NOT NULL CONSTRAINT PK_ListingFeeds PRIMARY KEY,
    StoreId       NVARCHAR(64)  NOT NULL CONSTRAINT FK_ListingFeeds_Stores REFERENCES dbo.Stores (Id),
    IntegrationId NVARCHAR(64)  NOT NULL,
    Kind          VARCHAR(20)   NOT NULL,
    DedupKey      CHAR(64)      NOT NULL,
    CreatedUtc    DATETIME2(7)  NOT NULL
);
CREATE UNIQUE INDEX UX_ListingFeeds_StoreId_DedupKey ON dbo.ListingFeeds (StoreId, DedupKey);

CREATE TABLE dbo.ListingFeedItems (
    FeedId            NVARCHAR(64)  NOT NULL CONSTRAINT FK_ListingFeedItems_ListingFeeds REFERENCES dbo.ListingFeeds (FeedId),
    Position          INT           NOT NULL,
    SKU               NVARCHAR(100) COLLATE Latin1_General_100_BIN2 NOT NULL,
    ExternalListingId NVARCHAR(100) NULL,
    TemplateId        INT           NOT NULL,
    ListingJson       NVARCHAR(MAX) NOT NULL,
    ResultJson        NVARCHAR(MAX) NULL,
    CONSTRAINT PK_ListingFeedItems PRIMARY KEY (FeedId, Position)
);
CREATE UNIQUE INDEX UX_ListingFeedItems_FeedId_SKU ON dbo.ListingFeedItems (FeedId, SKU);
