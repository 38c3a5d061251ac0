using ChannelBridge.Domain.Stores;
using ChannelBridge.Domain.UserConfigs;

namespace ChannelBridge.Application.Common.Contracts;

/// <summary>The integration resolved from the request's AuthorizationToken, and its store's access data (scoped to one request).</summary>
public sealed class IntegrationContext
{
    private UserConfig? _userConfig;
    private StoreAccess? _store;

    public UserConfig UserConfig => _userConfig ?? throw new InvalidOperationException(
        "No integration was resolved for this request: is the request marked IRequireAuthToken?");

    /// <summary>The linked store as the access check read it (id, key hash, active): not the aggregate, whose tags only the tag endpoints load.</summary>
    public StoreAccess Store => _store ?? throw new InvalidOperationException(
        "No store was loaded for this request: is the request marked IRequireLinkedStore?");

    /// <summary>Why the pipeline refused the call before its handler (unauthenticated, rate_limited, blocked, scope), or null.</summary>
    public string? Refusal { get; internal set; }

    /// <summary>The integration's id once resolved, without throwing (for logs and activity).</summary>
    public string? IntegrationId => _userConfig?.Id;

    /// <summary>The store's id once loaded, without throwing.</summary>
    public string? StoreId => _store?.Id ?? _userConfig?.StoreId;

    /// <summary>The valid OAuth bearer the call carried, or null (none sent, OAuth off).</summary>
    public AccessToken? Bearer { get; private set; }

    internal void Set(UserConfig userConfig, AccessToken? bearer)
    {
        _userConfig = userConfig;
        Bearer = bearer;
    }

    internal void Set(StoreAccess store) => _store = store;
}
