-- A store's listings (Products). Quantity and Price are the last values the channel or Linnworks set.
CREATE TABLE dbo.Listings (
    Id                BIGINT IDENTITY(1, 1) NOT NULL CONSTRAINT PK_Listings PRIMARY KEY,
    StoreId           NVARCHAR(64)  NOT NULL CONSTRAINT FK_Listings_Stores REFERENCES dbo.Stores (Id),
    SKU               NVARCHAR(100) NOT NULL,
    Title             NVARCHAR(500) NOT NULL,
    Quantity          INT           NOT NULL,
    Price             DECIMAL(19, 4) NULL,
    Reference         NVARCHAR(64)  NOT NULL,
    LastInventoryHash NVARCHAR(80)  NULL,
    LastPriceHash     NVARCHAR(80)  NULL,
    UpdatedUtc        DATETIME2(7)  NOT NULL,
    Version           INT           NOT NULL
);
CREATE UNIQUE INDEX UX_Listings_StoreId_SKU ON dbo.Listings (StoreId, SKU);
CREATE INDEX IX_Listings_StoreId_Id ON dbo.Listings (StoreId, Id) INCLUDE (SKU, Title, Quantity, Price, Reference);
