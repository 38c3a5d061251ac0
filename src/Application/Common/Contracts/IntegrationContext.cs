using ChannelBridge.Domain.UserConfigs;

namespace ChannelBridge.Application.Common.Contracts;

/// <summary>The integration resolved from the request's AuthorizationToken (scoped to one request).</summary>
public sealed class IntegrationContext
{
    private UserConfig? _userConfig;

    public UserConfig UserConfig => _userConfig ?? throw new InvalidOperationException(
        "No integration was resolved for this request: is the request marked IRequireAuthToken?");

    internal void Set(UserConfig userConfig) => _userConfig = userConfig;
}
