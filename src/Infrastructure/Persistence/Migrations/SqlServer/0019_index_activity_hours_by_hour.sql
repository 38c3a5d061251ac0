-- The integrations' hourly call counts are deleted once 48 hours old (ActivityHoursPruner). Without an index by hour,
-- each deletion scans the whole table: 117-173 ms at 10,000 sellers (docs/performance.md).
CREATE INDEX IX_IntegrationActivityHours_HourUtc ON dbo.IntegrationActivityHours (HourUtc);
