-- A webhook's delivery health: when it was last tried, since when it has been failing, and whether (and why) delivery
-- stopped — after a 410 Gone, or failing for Webhooks:DisableAfter — and its last attempts. A disabled webhook is not
-- claimed for delivery.
ALTER TABLE dbo.StoreWebhooks ADD LastAttemptUtc DATETIME2(7) NULL, FailingSinceUtc DATETIME2(7) NULL, DisabledUtc DATETIME2(7) NULL,
    DisabledReason NVARCHAR(500) NULL, RecentAttemptsJson NVARCHAR(MAX) NULL;
