using System.Net;
using System.Net.Sockets;
using ChannelBridge.Application.Webhooks;
using ChannelBridge.Domain.Common;
using Microsoft.Extensions.Options;

namespace ChannelBridge.Infrastructure.Webhooks;

/// <summary>
/// The registration check and the connect-time check of webhook destinations, one policy
/// (<see cref="NetworkAddressPolicy"/>). The delivery client connects only through <see cref="ConnectAsync"/>:
/// it resolves the host itself, refuses if any address it got is not allowed, and connects to an allowed one,
/// so what was checked is what is reached (no DNS rebinding, no proxy in between, no redirect followed).
/// </summary>
internal sealed class WebhookDestinationGuard(IOptions<WebhookOptions> options) : IWebhookDestinationGuard
{
    private static readonly TimeSpan ResolveTimeout = TimeSpan.FromSeconds(5);

    public async Task<Result> CheckAsync(Uri url, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (url.Scheme != Uri.UriSchemeHttps && !(settings.AllowHttp && url.Scheme == Uri.UriSchemeHttp))
        {
            return Result.Failure(Error.Validation(settings.AllowHttp ? "Url must be http or https." : "Url must be https."));
        }

        if (!string.IsNullOrEmpty(url.UserInfo))
        {
            return Result.Failure(Error.Validation("Url must not contain a user name or password; authenticate the request with its signature."));
        }

        IPAddress[] addresses;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(ResolveTimeout);
            addresses = await Resolve(url.IdnHost, timeout.Token);
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return Result.Failure(Error.Validation($"Url host '{url.Host}' could not be resolved."));
        }

        return addresses.Length > 0 && addresses.All(a => NetworkAddressPolicy.Allowed(a, settings.AllowPrivateNetworks))
            ? Result.Success()
            : Result.Failure(Error.Validation(
                $"Url host '{url.Host}' is or resolves to an address webhooks may not reach (loopback, private, link-local, metadata, multicast or reserved)."));
    }

    /// <summary>SocketsHttpHandler.ConnectCallback: resolve, check every address, connect to an allowed one.</summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var addresses = await Resolve(context.DnsEndPoint.Host, cancellationToken);
        if (addresses.Length == 0 || !addresses.All(a => NetworkAddressPolicy.Allowed(a, options.Value.AllowPrivateNetworks)))
        {
            throw new WebhookDestinationRefusedException(context.DnsEndPoint.Host);
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static async Task<IPAddress[]> Resolve(string host, CancellationToken cancellationToken) =>
        IPAddress.TryParse(host.Trim('[', ']'), out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
}

/// <summary>The delivery client refused to connect: the destination is (now) an address webhooks may not reach.</summary>
internal sealed class WebhookDestinationRefusedException(string host)
    : IOException($"Webhook destination '{host}' resolves to an address webhooks may not reach.");
