using System.ComponentModel.DataAnnotations;
using System.Net;
using System.Net.Sockets;

namespace ChannelBridge.Application.Common;

/// <summary>Each entry a network (CIDR) or a single address; start-up refuses anything else, naming the entry.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class NetworksAttribute(string section) : ValidationAttribute
{
    /// <summary>The configuration section the property is read from, for the message.</summary>
    public string Section { get; } = section;

    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        foreach (var entry in value as IEnumerable<string?> ?? [])
        {
            if (!TryParse(entry, out _))
            {
                return new ValidationResult(
                    $"'{entry}' in {Section}:{validationContext.MemberName} is not a network (CIDR such as 203.0.113.0/28) or an address.", [validationContext.MemberName!]);
            }
        }

        return ValidationResult.Success;
    }

    /// <summary>
    /// A network, or an address as the network of that one address. An IPv6 network narrower than a /64 widens to its
    /// /64: an IPv6 caller is counted by its /64 (<c>ClientAddress</c>), since one host can take any address in it.
    /// </summary>
    public static bool TryParse(string? entry, out IPNetwork network)
    {
        network = default;
        if (string.IsNullOrWhiteSpace(entry))
        {
            return false;
        }

        if (!IPNetwork.TryParse(entry.Trim(), out network))
        {
            if (!IPAddress.TryParse(entry.Trim(), out var address))
            {
                return false;
            }

            network = new IPNetwork(address, address.AddressFamily == AddressFamily.InterNetworkV6 ? 128 : 32);
        }

        if (network.BaseAddress.AddressFamily == AddressFamily.InterNetworkV6 && network.PrefixLength > 64)
        {
            network = new IPNetwork(Slash64(network.BaseAddress), 64);
        }

        return true;
    }

    /// <summary>The first address of an IPv6 address's /64: the block a caller is counted by (<c>ClientAddress</c>).</summary>
    public static IPAddress Slash64(IPAddress address)
    {
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        bytes[8..].Clear();
        return new IPAddress(bytes);
    }
}
