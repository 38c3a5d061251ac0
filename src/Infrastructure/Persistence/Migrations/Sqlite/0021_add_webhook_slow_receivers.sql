-- SlowUntilUtc: until when a store's webhook receiver counts as slow (an attempt held its delivery slot longer than
-- Webhooks:SlowReceiverThreshold). Meanwhile the store is delivered in the slots kept for slow receivers
-- (Webhooks:SlowReceiverSlots), so slow or hanging receivers cannot hold every store's deliveries (ADR-033).
ALTER TABLE StoreWebhooks ADD COLUMN SlowUntilUtc TEXT NULL;
