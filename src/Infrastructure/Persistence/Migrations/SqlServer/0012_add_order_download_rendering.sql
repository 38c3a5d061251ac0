-- Each order as the Orders endpoint sends it (JSON, UTF-8 bytes), rendered when the order is saved (ADR-011), and the format it was
-- rendered in (a rendering in another format is not served). NULL: render on read (older rows, no currency).
ALTER TABLE dbo.Orders ADD DownloadJson VARBINARY(MAX) NULL, DownloadFormat NVARCHAR(32) NULL;
