namespace ChannelBridge.Api.FunctionalTests.Features.Webhooks;

/// <summary>
/// A service whose webhooks may point at the test receivers on loopback over plain http, looking for due stores every
/// 50 ms; <see cref="WebhookSettings"/> adds or overrides a test's own <c>Webhooks:</c> settings.
/// </summary>
public abstract class LoopbackWebhookApiFactory : ApiFactory
{
    protected abstract IDictionary<string, string> WebhookSettings { get; }

    protected sealed override IDictionary<string, string?> Settings
    {
        get
        {
            var settings = new Dictionary<string, string?>
            {
                ["Webhooks:PollInterval"] = "00:00:00.050",
                ["Webhooks:AllowPrivateNetworks"] = "true",   // the receivers listen on loopback
                ["Webhooks:AllowHttp"] = "true",
            };
            foreach (var (key, value) in WebhookSettings)
            {
                settings["Webhooks:" + key] = value;
            }

            return settings;
        }
    }
}
