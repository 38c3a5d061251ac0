-- Prices Linnworks sends with a Tag (e.g. RETAILPRICE), kept beside the selling price as JSON {"TAG": price}.
ALTER TABLE Listings ADD COLUMN TaggedPrices TEXT NULL;
