using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using ChannelBridge.Application.Common;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChannelBridge.Application.Config.AddNewUser;

/// <summary>
/// New integrations per client address per minute (<see cref="RateLimitOptions.NewIntegrationsPerAddressPerMinute"/>), and
/// within that per Linnworks account from the address (<see cref="RateLimitOptions.NewIntegrationsPerAccountPerMinute"/>).
/// AddNewUser takes no credentials, and each call writes an integration's row in the database's one write queue: the
/// address's limit bounds what anyone can make it write. Linnworks calls it for every seller from a few shared addresses,
/// so one account adding the channel in a loop must not use up its address's minute for every other seller: the account's
/// limit is taken first, and a call it refuses takes nothing from the address. The account is the one the call names;
/// from Linnworks' addresses that is the seller's own, and from anywhere else a made-up one still counts against its
/// address. A call without an address (no connection, as in process) has no limit here. Per node, in memory.
/// From <see cref="RateLimitOptions.LinnworksNetworks"/> only the account's limit applies, one window for the account
/// across those networks.
/// </summary>
public sealed partial class NewIntegrationLimit(IOptions<RateLimitOptions> options, OncePerMinuteLogLines lines, ILogger<NewIntegrationLimit> logger) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _accounts = PerMinuteLimit.PerKey(() => options.Value.NewIntegrationsPerAccountPerMinute);
    private readonly PartitionedRateLimiter<string> _addresses = PerMinuteLimit.PerKey(() => options.Value.NewIntegrationsPerAddressPerMinute);
    private readonly IPNetwork[] _linnworks = [.. options.Value.LinnworksNetworks.Select(n => NetworksAttribute.TryParse(n, out var network) ? network : throw new ArgumentException(n))];

    /// <summary>Takes one new integration for the account from the address: null when taken, else the Error to answer.</summary>
    public string? TryTake(string? address, string? linnworksAccount)
    {
        if (address is null)
        {
            return null;
        }

        if (IsLinnworks(address))
        {
            return TryTakeForAccount(address, "linnworks|" + Account(linnworksAccount));
        }

        // An address past its limit is refused before any account of it gets a window: made-up accounts from one address
        // hold at most as many windows a minute as the address may make integrations.
        if (PerMinuteLimit.Spent(_addresses, address) is { } spentWait)
        {
            Refused("new_integrations", address, () => LogAddressRefused(address, options.Value.NewIntegrationsPerAddressPerMinute));
            return AddressRefusal(spentWait);
        }

        if (TryTakeForAccount(address, address + "|" + Account(linnworksAccount)) is { } accountRefusal)
        {
            return accountRefusal;
        }

        if (PerMinuteLimit.TryTake(_addresses, address) is { } addressWait)
        {
            Refused("new_integrations", address, () => LogAddressRefused(address, options.Value.NewIntegrationsPerAddressPerMinute));
            return AddressRefusal(addressWait);
        }

        return null;
    }

    public void Dispose()
    {
        _accounts.Dispose();
        _addresses.Dispose();
    }

    private static string? Account(string? linnworksAccount) =>
        Guid.TryParse(linnworksAccount, out var id) ? id.ToString("D") : linnworksAccount?.Trim().ToUpperInvariant();

    private string? TryTakeForAccount(string address, string account)
    {
        if (PerMinuteLimit.TryTake(_accounts, account) is not { } wait)
        {
            return null;
        }

        Refused("new_integrations_by_account", account, () => LogAccountRefused(address, options.Value.NewIntegrationsPerAccountPerMinute));
        return $"Too many new integrations for this Linnworks account; retry in {Seconds(wait)} s.";
    }

    /// <summary>Whether the address as counted (an IPv4 address, or an IPv6 /64) lies in one of Linnworks' networks.</summary>
    private bool IsLinnworks(string address) =>
        _linnworks.Length > 0 && NetworksAttribute.TryParse(address, out var caller)
        && _linnworks.Any(n => n.BaseAddress.AddressFamily == caller.BaseAddress.AddressFamily && n.PrefixLength <= caller.PrefixLength && n.Contains(caller.BaseAddress));

    private static string AddressRefusal(TimeSpan wait) => $"Too many new integrations from this address; retry in {Seconds(wait)} s.";

    private static string Seconds(TimeSpan wait) => Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);

    private void Refused(string reason, string caller, Action log)
    {
        if (lines.Refused("linnworks", reason, caller))
        {
            log();
        }
    }

    [LoggerMessage(LogLevel.Warning, "AddNewUser from {ClientAddress} refused: one Linnworks account over {Limit} new integrations a minute " + OncePerMinuteLogLines.NotLoggedAgain)]
    private partial void LogAccountRefused(string clientAddress, int limit);

    [LoggerMessage(LogLevel.Warning, "AddNewUser from {ClientAddress} refused: over {Limit} new integrations an address may make a minute " + OncePerMinuteLogLines.NotLoggedAgain)]
    private partial void LogAddressRefused(string clientAddress, int limit);
}
