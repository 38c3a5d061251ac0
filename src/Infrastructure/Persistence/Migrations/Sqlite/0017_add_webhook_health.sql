-- A webhook's delivery health: when it was last tried, since when it has been failing, and whether (and why) delivery
-- stopped — after a 410 Gone, or failing for Webhooks:DisableAfter — and its last attempts. A disabled webhook is not
-- claimed for delivery.
ALTER TABLE StoreWebhooks ADD COLUMN LastAttemptUtc TEXT NULL;
ALTER TABLE StoreWebhooks ADD COLUMN FailingSinceUtc TEXT NULL;
ALTER TABLE StoreWebhooks ADD COLUMN DisabledUtc TEXT NULL;
ALTER TABLE StoreWebhooks ADD COLUMN DisabledReason TEXT NULL;
ALTER TABLE StoreWebhooks ADD COLUMN RecentAttemptsJson TEXT NULL;
