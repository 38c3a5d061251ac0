-- A rotated webhook secret keeps signing beside the new one until PreviousSecretUntilUtc (Standard Webhooks allows
-- several signatures in one header), so a platform switches its receivers over without a failed delivery.
ALTER TABLE StoreWebhooks ADD COLUMN PreviousSecretCipher TEXT NULL;
ALTER TABLE StoreWebhooks ADD COLUMN PreviousSecretUntilUtc TEXT NULL;
