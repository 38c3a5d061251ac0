using ChannelBridge.Application.Common.Ports;
using ChannelBridge.Domain.Common;
using ChannelBridge.Domain.Stores;
using Microsoft.Extensions.Options;

namespace ChannelBridge.Application.OAuth;

/// <summary>Checks the bearer a Linnworks call carries: present when required, known, unexpired, and of the expected store.</summary>
internal sealed class BearerTokenValidator(IRequestCredentials credentials, IAccessTokenRepository tokens, IOptions<OAuthOptions> options, TimeProvider time)
{
    public const string InvalidBearer = "Invalid or expired OAuth bearer token";
    public const string MissingBearer = "This channel requires an OAuth bearer token (Authorization: Bearer …)";

    /// <summary>
    /// Success with null when no bearer was sent and none is required; success with the token when it is valid
    /// (and, if <paramref name="storeId"/> is given, of that store); otherwise the Error to answer.
    /// </summary>
    public async Task<Result<AccessToken?>> ValidateAsync(string? storeId, CancellationToken cancellationToken)
    {
        var bearer = credentials.BearerToken;
        if (string.IsNullOrEmpty(bearer))
        {
            return options.Value.RequireBearer ? Result<AccessToken?>.Failure(Error.Validation(MissingBearer)) : Result.Success<AccessToken?>(null);
        }

        var token = bearer.Length > 512 ? null : await tokens.GetByHashAsync(SecretHash.Of(bearer).Hex, cancellationToken);
        // Found by the bearer's hash: the match is already proven.
        return token is not null && token.IsValidAt(time.GetUtcNow().UtcDateTime) && (storeId is null || token.StoreId == storeId)
            ? Result.Success<AccessToken?>(token)
            : Result<AccessToken?>.Failure(Error.Validation(InvalidBearer));
    }
}
