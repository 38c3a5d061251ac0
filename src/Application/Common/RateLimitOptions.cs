using System.ComponentModel.DataAnnotations;

namespace ChannelBridge.Application.Common;

/// <summary>Section <c>RateLimits</c>. Limits are per node (in memory): with N nodes behind a balancer the total is up to N times these.</summary>
public sealed class RateLimitOptions
{
    public const string SectionName = "RateLimits";

    /// <summary>Linnworks calls per integration (AuthorizationToken) per minute.</summary>
    [Range(1, 1_000_000)]
    public int LinnworksPerIntegrationPerMinute { get; set; } = 600;

    /// <summary>Channel API calls per key (operator key or StoreKey) per minute.</summary>
    [Range(1, 1_000_000)]
    public int ChannelPerKeyPerMinute { get; set; } = 1200;

    /// <summary>
    /// New integrations (AddNewUser, which takes no credentials and writes a row) per client address per minute; past it,
    /// AddNewUser answers an Error that says retry. Linnworks calls it once per seller who adds the channel, from a few
    /// addresses: this bounds what anyone else can make the database write and store, not Linnworks' installs.
    /// </summary>
    [Range(1, 1_000_000)]
    public int NewIntegrationsPerAddressPerMinute { get; set; } = 120;

    /// <summary>
    /// New integrations per Linnworks account (the call's LinnworksUniqueIdentifier) from one address per minute, taken
    /// before the address's: one seller adding the channel in a loop through Linnworks' shared addresses is refused
    /// alone, and its refused calls take nothing from the address's <see cref="NewIntegrationsPerAddressPerMinute"/>.
    /// </summary>
    [Range(1, 1_000_000)]
    public int NewIntegrationsPerAccountPerMinute { get; set; } = 10;

    /// <summary>
    /// The networks Linnworks calls from (CIDR such as <c>203.0.113.0/28</c>, or single addresses), as Linnworks lists
    /// them for allow-listing or the service's logs show them. AddNewUser from them is limited per Linnworks account only
    /// (<see cref="NewIntegrationsPerAccountPerMinute"/>, one window for the account across all of them): only Linnworks
    /// sends from them, for its sellers' own accounts, and it adds every seller's integration from them, so a limit per
    /// address there would let a dozen accounts at their limit refuse every other seller's install for the rest of the
    /// minute. Empty (the default): every address has <see cref="NewIntegrationsPerAddressPerMinute"/>.
    /// </summary>
    [Networks(SectionName)]
    public string[] LinnworksNetworks { get; set; } = [];

    /// <summary>
    /// Access tokens issued to one OAuth client (a store) per minute; past it, <c>/oauth/token</c> answers 429 for that
    /// client only. Linnworks asks for a seller's token when the last one expires (hourly by default), for every seller
    /// from a few addresses: a limit per address would let one seller's requests refuse every other's, so there is none
    /// on valid credentials. Failing ones count against <see cref="FailedAuthPerAddressPerMinute"/>.
    /// </summary>
    [Range(1, 1_000_000)]
    public int TokensPerClientPerMinute { get; set; } = 60;

    /// <summary>
    /// Failed authentications (wrong token, key or client secret) per client address per minute; past it, further failing
    /// attempts from that address are answered "too many". Valid credentials are served whatever the address's count.
    /// </summary>
    [Range(1, 1_000_000)]
    public int FailedAuthPerAddressPerMinute { get; set; } = 20;

    /// <summary>How long a credential hash found unknown is remembered (0: never), so repeats from an address past its limit skip the lookup.</summary>
    [Range(0, 3600)]
    public int UnknownCredentialSeconds { get; set; } = 30;

    /// <summary>At most this many unknown credential hashes are remembered per node.</summary>
    [Range(1, 10_000_000)]
    public int UnknownCredentialMemorySize { get; set; } = 10_000;
}
