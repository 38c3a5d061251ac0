using System.ComponentModel.DataAnnotations;

namespace ChannelBridge.Application.OAuth;

/// <summary>Section <c>OAuth</c>: Linnworks' OAuthAuthorizationEndpoint option (client_credentials; client_id = StoreId, client_secret = StoreKey).</summary>
public sealed class OAuthOptions
{
    public const string SectionName = "OAuth";

    /// <summary>Offer OAuth: the manifest lists OAuthAuthorizationEndpoint and OAuthScopesRequested.</summary>
    public bool Enabled { get; set; }

    /// <summary>Every Linnworks call must carry a valid bearer of the integration's store.</summary>
    public bool RequireBearer { get; set; }

    /// <summary>Space-delimited scopes a token may be granted; an empty request gets all of them.</summary>
    public string Scopes { get; set; } = "orders listings";

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(1);
}
