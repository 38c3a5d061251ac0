namespace ChannelBridge.Application.Webhooks.ConfigureWebhook;

/// <summary>Every feed update of the store is POSTed to Url, signed with Secret (HMAC-SHA256).</summary>
public sealed record ConfigureWebhookCommand(string StoreId, string? Url, string? Secret) : Stores.IChannelRequest<WebhookResponse>;
