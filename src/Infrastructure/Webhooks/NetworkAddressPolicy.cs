using System.Net;
using System.Net.Sockets;

namespace ChannelBridge.Infrastructure.Webhooks;

/// <summary>Classifies the addresses a webhook may reach. Pure: tested over every textual form an attacker can send.</summary>
internal static class NetworkAddressPolicy
{
    public enum Kind
    {
        Public,

        /// <summary>Loopback, RFC 1918, CGNAT (100.64/10), unique-local IPv6: allowed with Webhooks:AllowPrivateNetworks.</summary>
        Private,

        /// <summary>Link-local (incl. 169.254.169.254 metadata), multicast, unspecified, reserved, broadcast: never.</summary>
        Forbidden,
    }

    public static Kind Classify(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            return Classify(address.MapToIPv4());
        }

        return address.AddressFamily switch
        {
            AddressFamily.InterNetwork => ClassifyV4(address.GetAddressBytes()),
            AddressFamily.InterNetworkV6 => ClassifyV6(address),
            _ => Kind.Forbidden,
        };
    }

    public static bool Allowed(IPAddress address, bool allowPrivateNetworks) => Classify(address) switch
    {
        Kind.Public => true,
        Kind.Private => allowPrivateNetworks,
        _ => false,
    };

    private static Kind ClassifyV4(byte[] b) => b switch
    {
        [0, ..] => Kind.Forbidden,                                  // 0.0.0.0/8 "this network"
        [127, ..] => Kind.Private,                                  // loopback
        [10, ..] => Kind.Private,                                   // RFC 1918
        [172, >= 16 and <= 31, ..] => Kind.Private,                 // RFC 1918
        [192, 168, ..] => Kind.Private,                             // RFC 1918
        [100, >= 64 and <= 127, ..] => Kind.Private,                // CGNAT, RFC 6598
        [169, 254, ..] => Kind.Forbidden,                           // link-local, cloud metadata
        [192, 0, 0, _] => Kind.Forbidden,                           // IETF protocol assignments
        [192, 0, 2, _] or [198, 51, 100, _] or [203, 0, 113, _] => Kind.Forbidden, // documentation
        [198, 18 or 19, ..] => Kind.Forbidden,                      // benchmarking
        [>= 224, ..] => Kind.Forbidden,                             // multicast, reserved, broadcast
        _ => Kind.Public,
    };

    private static Kind ClassifyV6(IPAddress address)
    {
        if (address.Equals(IPAddress.IPv6Loopback))
        {
            return Kind.Private;
        }

        if (address.Equals(IPAddress.IPv6None) || address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast)
        {
            return Kind.Forbidden;
        }

        var b = address.GetAddressBytes();
        if ((b[0] & 0xFE) == 0xFC)
        {
            return Kind.Private;                                    // fc00::/7 unique-local
        }

        // Addresses that embed an IPv4 one: NAT64 (64:ff9b::/96), 6to4 (2002::/16), IPv4-compatible (::/96).
        if (b is [0x00, 0x64, 0xFF, 0x9B, 0, 0, 0, 0, 0, 0, 0, 0, ..])
        {
            return ClassifyV4(b[12..]);
        }

        if (b is [0x20, 0x02, ..])
        {
            return ClassifyV4(b[2..6]);
        }

        if (b.Take(12).All(x => x == 0))
        {
            return Kind.Forbidden;
        }

        return (b[0] & 0xE0) == 0x20 ? Kind.Public : Kind.Forbidden; // only global unicast 2000::/3 is public
    }
}
