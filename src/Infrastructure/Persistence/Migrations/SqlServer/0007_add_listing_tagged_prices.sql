-- Prices Linnworks sends with a Tag (e.g. RETAILPRICE), kept beside the selling price as JSON {"TAG": price}.
ALTER TABLE dbo.Listings ADD TaggedPrices NVARCHAR(MAX) NULL;
