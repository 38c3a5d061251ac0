using ChannelBridge.Application.Common.Linnworks;
using ChannelBridge.Domain.Common;
using ChannelBridge.Domain.UserConfigs;

namespace ChannelBridge.Application.Common;

/// <summary>
/// Finds the integration a Linnworks AuthorizationToken names, for the lookup before the turn
/// (<see cref="Config.IdentifyIntegration.IdentifyIntegrationQuery"/>) and the pipeline's token check
/// (<see cref="Behaviours.AuthTokenBehaviour{TRequest, TResponse}"/>) alike. A token remembered unknown from an address past
/// its failure limit is not looked up again; one the lookup does not find is remembered (<see cref="FailedAuthentications"/>).
/// </summary>
internal sealed class IntegrationsByToken(IUserConfigRepository userConfigs, FailedAuthentications failures)
{
    /// <summary>The hash a token is looked up by, or null when there is nothing to look up (empty, or longer than any token).</summary>
    public static string? HashOf(string? token)
    {
        var trimmed = token?.Trim();
        return string.IsNullOrEmpty(trimmed) || trimmed.Length > IRequireAuthToken.MaxTokenLength ? null : SecretHash.Of(trimmed).Hex;
    }

    /// <summary>The integration, live or deleted, whose token has this hash; null when none does.</summary>
    public async Task<UserConfig?> FindAsync(string tokenHash, string? address, CancellationToken cancellationToken)
    {
        if (failures.IsKnownFailure(address, tokenHash))
        {
            return null;
        }

        // Found by the token's hash: the match is already proven, no second hash needed.
        var found = await userConfigs.GetByTokenHashAsync(tokenHash, cancellationToken);
        if (found is null)
        {
            failures.RememberUnknown(tokenHash);
        }

        return found;
    }
}
