using ChannelBridge.Domain.Common;

namespace ChannelBridge.Application.Webhooks;

/// <summary>
/// Decides whether a store owner's webhook URL may be called: allowed schemes, and no destination that is
/// or resolves to an internal address (loopback, private, link-local incl. cloud metadata, CGNAT, unique-local,
/// multicast, unspecified) unless the operator allows private networks. Checked at registration here, and
/// again at connect time by the delivery client (so a DNS answer that changes later cannot bypass it).
/// </summary>
public interface IWebhookDestinationGuard
{
    Task<Result> CheckAsync(Uri url, CancellationToken cancellationToken);
}
