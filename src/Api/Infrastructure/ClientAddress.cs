using System.Net;
using System.Net.Sockets;

namespace ChannelBridge.Api.Infrastructure;

/// <summary>
/// The address a caller is counted by, where limits and log lines are per address (failed authentications, refusals,
/// the token endpoint's limit): the connection's peer, or the forwarded client behind one of <c>Api:KnownProxies</c>.
/// An IPv4 address is itself (an IPv4-mapped IPv6 one too); an IPv6 address is its /64 network, the block one host,
/// home or virtual machine is given and can choose any address in, so stepping through it is not a new caller and
/// does not make a new limiter for each address.
/// </summary>
public static class ClientAddress
{
    /// <summary><paramref name="context"/>'s caller as counted, or null when the connection has no IP address.</summary>
    public static string? Of(HttpContext context) => Of(context.Connection.RemoteIpAddress);

    /// <summary>The address as counted: IPv4 as written, IPv6 as its /64 (<c>2001:db8:1:2::/64</c>).</summary>
    public static string? Of(IPAddress? address)
    {
        if (address is null)
        {
            return null;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        return Application.Common.NetworksAttribute.Slash64(address).ToString() + "/64";
    }
}
