using ChannelBridge.Domain.Common;

namespace ChannelBridge.Domain.Stores;

/// <summary>
/// A short-lived OAuth access token (client_credentials) of one store. Only its hash is kept, so any
/// node can verify it and none can recover it.
/// </summary>
public sealed record AccessToken(string TokenHashHex, string StoreId, string Scope, DateTime ExpiresUtc, DateTime CreatedUtc)
{
    public static (AccessToken Token, string Value) Issue(string storeId, string scope, TimeSpan lifetime, DateTime utcNow)
    {
        var value = Secrets.NewPrefixedKey("at_");
        return (new AccessToken(SecretHash.Of(value).Hex, storeId, scope, utcNow + lifetime, utcNow), value);
    }

    public bool IsValidAt(DateTime utcNow) => utcNow < ExpiresUtc;

    /// <summary>Whether the token was granted <paramref name="scope"/> (scopes are space-delimited, exact).</summary>
    public bool HasScope(string scope) => Scope.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains(scope, StringComparer.Ordinal);
}

public interface IAccessTokenRepository
{
    /// <summary>Stores the token (and drops expired ones).</summary>
    Task SaveAsync(AccessToken token, CancellationToken cancellationToken);

    Task<AccessToken?> GetByHashAsync(string tokenHashHex, CancellationToken cancellationToken);
}
