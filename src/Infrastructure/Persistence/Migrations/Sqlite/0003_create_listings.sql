-- A store's listings (Products). Quantity and Price are the last values the channel or Linnworks set.
CREATE TABLE Listings (
    Id                INTEGER PRIMARY KEY AUTOINCREMENT,
    StoreId           TEXT    NOT NULL REFERENCES Stores (Id),
    SKU               TEXT    NOT NULL,
    Title             TEXT    NOT NULL,
    Quantity          INTEGER NOT NULL,
    Price             TEXT    NULL,
    Reference         TEXT    NOT NULL,
    LastInventoryHash TEXT    NULL,
    LastPriceHash     TEXT    NULL,
    UpdatedUtc        TEXT    NOT NULL,
    Version           INTEGER NOT NULL
);
CREATE UNIQUE INDEX UX_Listings_StoreId_SKU ON Listings (StoreId, SKU);
CREATE INDEX IX_Listings_StoreId_Id ON Listings (StoreId, Id);
