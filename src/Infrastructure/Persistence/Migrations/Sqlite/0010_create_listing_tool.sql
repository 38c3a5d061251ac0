-- Linnworks' listing tool (issue 12). Channel-wide documents the operator uploads, each replaced whole:
-- Kind 'settings' (DocKey ''), 'attributes' and 'variations' (DocKey = CategoryId).
CREATE TABLE ListingDocuments (
    Kind       TEXT    NOT NULL,
    DocKey     TEXT    NOT NULL,
    Json       TEXT    NOT NULL,
    Version    INTEGER NOT NULL,
    UpdatedUtc TEXT    NOT NULL,
    PRIMARY KEY (Kind, DocKey)
);

-- Category lists, one version per upload; a download run keeps the version it started on.
CREATE TABLE ListingCategorySets (
    Version    INTEGER PRIMARY KEY AUTOINCREMENT,
    IsCurrent  INTEGER NOT NULL,
    CreatedUtc TEXT    NOT NULL
);

CREATE TABLE ListingCategories (
    Version      INTEGER NOT NULL,
    Position     INTEGER NOT NULL,
    CategoryId   INTEGER NOT NULL,
    CategoryName TEXT    NOT NULL,
    PRIMARY KEY (Version, Position)
);

-- A ListingUpdate or ListingDelete call: one feed with one item (job) per listing; the platform reports each.
CREATE TABLE ListingFeeds (
    FeedId        TEXT    NOT NULL PRIMARY KEY,
    StoreId       TEXT    NOT NULL REFERENCES Stores (Id),
    IntegrationId TEXT    NOT NULL,
    Kind          TEXT    NOT NULL,
    DedupKey      TEXT    NOT NULL,
    CreatedUtc    TEXT    NOT NULL
);
CREATE UNIQUE INDEX UX_ListingFeeds_StoreId_DedupKey ON ListingFeeds (StoreId, DedupKey);

CREATE TABLE ListingFeedItems (
    FeedId            TEXT    NOT NULL REFERENCES ListingFeeds (FeedId),
    Position          INTEGER NOT NULL,
    SKU               TEXT    NOT NULL,
    ExternalListingId TEXT    NULL,
    TemplateId        INTEGER NOT NULL,
    ListingJson       TEXT    NOT NULL,
    ResultJson        TEXT    NULL,
    PRIMARY KEY (FeedId, Position)
);
CREATE UNIQUE INDEX UX_ListingFeedItems_FeedId_SKU ON ListingFeedItems (FeedId, SKU);
