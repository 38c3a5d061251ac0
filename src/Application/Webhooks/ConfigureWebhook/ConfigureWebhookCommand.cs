namespace ChannelBridge.Application.Webhooks.ConfigureWebhook;

/// <summary>
/// Every feed update of the store is POSTed to Url, signed per Standard Webhooks. A new webhook without a Secret gets one
/// made and shown once; a Secret sent must be <c>whsec_</c> + base64 of 24 to 64 random bytes.
/// </summary>
public sealed record ConfigureWebhookCommand(string StoreId, string? Url, string? Secret) : Stores.IChannelRequest<WebhookResponse>;
