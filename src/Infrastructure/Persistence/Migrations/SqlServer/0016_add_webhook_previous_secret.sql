-- A rotated webhook secret keeps signing beside the new one until PreviousSecretUntilUtc (Standard Webhooks allows
-- several signatures in one header), so a platform switches its receivers over without a failed delivery.
ALTER TABLE dbo.StoreWebhooks ADD PreviousSecretCipher NVARCHAR(MAX) NULL, PreviousSecretUntilUtc DATETIME2(7) NULL;
