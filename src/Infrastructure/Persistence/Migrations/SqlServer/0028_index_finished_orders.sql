-- The finished orders (despatched 2, cancelled 3) oldest change first, across stores: what the hourly maintenance deletes
-- once past Orders:FinishedRetentionDays (FinishedOrderPruner). Open orders never enter it, so ingest pays for it only
-- when an order is despatched or cancelled.
CREATE INDEX IX_Orders_Finished ON dbo.Orders (LastChangedUtc) INCLUDE (StoreId) WHERE Status IN (2, 3);
