using ChannelBridge.Application.Common.Calls;
using ChannelBridge.Application.Common.Linnworks;
using ChannelBridge.Application.Common.Ports;
using ChannelBridge.Domain.Common;
using ChannelBridge.Domain.UserConfigs;
using MediatR;

namespace ChannelBridge.Application.Common.Behaviours;

/// <summary>
/// Resolves the integration behind the request's AuthorizationToken. An unknown, deleted or missing
/// token answers the endpoint's default response with <see cref="LinnworksErrors.InvalidToken"/>,
/// and the handler (and validation, so callers learn nothing) never runs. A bearer, when sent (or required),
/// must be a valid OAuth token of the integration's store. A failure from an address past its failure limit
/// is answered "too many" instead (<see cref="FailedAuthentications"/>); a valid token is always served.
/// </summary>
internal sealed partial class AuthTokenBehaviour<TRequest, TResponse>(
    IntegrationsByToken integrations, CallContext call, OAuth.BearerTokenValidator bearer, IRequestCredentials credentials, FailedAuthentications failures,
    Microsoft.Extensions.Logging.ILogger<AuthTokenBehaviour<TRequest, TResponse>> logger)
    : IPipelineBehavior<TRequest, TResponse>
    where TRequest : ILinnworksRequest<TResponse>, IRequireAuthToken
    where TResponse : LinnworksResponse, new()
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        var address = credentials.ClientAddress;
        var cancellation = call.Cancellation(cancellationToken);
        var (userConfig, answer) = await IntegrationOfAsync(request, address, cancellation);
        if (userConfig is null)
        {
            return answer!;
        }

        // With the OAuth option, the bearer must belong to the integration's store (any store while it is unlinked).
        var bearerCheck = await bearer.ValidateAsync(userConfig.StoreId, cancellation);
        if (BearerRefusal(request, bearerCheck, address, userConfig.Id) is { } refused)
        {
            return refused;
        }

        call.Set(userConfig, bearerCheck.Value);
        return await next();
    }

    /// <summary>
    /// The live integration of the request's token, or the answer when there is none: missing, unknown or deleted (a
    /// ConfigDeleted sent again for a deleted one succeeds, since Linnworks deletes its side whatever we answer).
    /// </summary>
    private async Task<(UserConfig? Found, TResponse? Answer)> IntegrationOfAsync(TRequest request, string? address, CancellationToken cancellationToken)
    {
        if (IntegrationsByToken.HashOf(request.AuthorizationToken) is not { } tokenHash)
        {
            return (null, Unauthenticated(request, address, "missing token"));
        }

        return Found(request, address, IdentifiedBeforeTurn(tokenHash) is { } identified
            ? identified.Integration
            : await integrations.FindAsync(tokenHash, address, cancellationToken));
    }

    /// <summary>
    /// What was found for the token before the call's turn (ADR-025), when it is this token: an integration, or nobody.
    /// A call whose token the lookup before the turn did not find waited with the other unknown tokens, not in an
    /// integration's share, so whatever token its body binds to, it is answered as unknown here (the two readings of the
    /// body differ only for a body made to differ). Otherwise null: look the token up now.
    /// </summary>
    private IdentifiedIntegration? IdentifiedBeforeTurn(string tokenHash) => call.IdentifiedBeforeTurn switch
    {
        { } before when before.TokenHash == tokenHash => before,
        { Integration: null } before => before with { TokenHash = tokenHash },
        _ => null,
    };

    /// <summary>The integration found for the token, or the answer: unknown, or deleted (see <see cref="IntegrationOfAsync"/>).</summary>
    private (UserConfig? Found, TResponse? Answer) Found(TRequest request, string? address, UserConfig? userConfig)
    {
        if (userConfig is { IsDeleted: true } && request is IAcceptsDeletedIntegration)
        {
            return (null, new TResponse());
        }

        if (userConfig is null)
        {
            return (null, Unauthenticated(request, address, "unknown token"));
        }

        return userConfig.IsDeleted ? (null, Unauthenticated(request, address, "deleted integration")) : (userConfig, null);
    }

    /// <summary>The answer when the OAuth bearer is wrong or lacks this endpoint's scope; null when it passes (or OAuth is off).</summary>
    private TResponse? BearerRefusal(TRequest request, Result<Domain.Stores.AccessToken?> bearerCheck, string? address, string integrationId)
    {
        if (bearerCheck.IsFailure)
        {
            return Failed(request, address, "bearer", integrationId, bearerCheck.ErrorMessage);
        }

        if (bearerCheck.Value is { } granted && OAuth.OAuthScopeAttribute.Of<TRequest>() is { } scope && !granted.HasScope(scope))
        {
            call.Refusal = "scope";
            return LinnworksAnswers.Failure<TResponse>(request, $"This OAuth token was not granted the '{scope}' scope this endpoint needs; authorise again asking for it.");
        }

        return null;
    }

    private TResponse Unauthenticated(TRequest request, string? address, string reason) => Failed(request, address, reason, null, LinnworksErrors.InvalidToken);

    /// <summary>
    /// Counts the failure against the address. Within its limit the caller learns its credential failed; past it, "too
    /// many" (transient, so every item may be retried later). Only failing calls reach here: a valid one is never refused
    /// for what others did from its address.
    /// </summary>
    private TResponse Failed(TRequest request, string? address, string reason, string? integrationId, string error)
    {
        ChannelBridgeTelemetry.AuthenticationFailures.Add(1, new KeyValuePair<string, object?>("api", "linnworks"), new KeyValuePair<string, object?>("reason", reason));
        if (failures.Fail(address) is { } retryAfter)
        {
            call.Refusal = "blocked";
            if (failures.RefusedPastLimit("linnworks", address))
            {
                LogTooMany(typeof(TRequest).Name, reason, address);
            }

            return LinnworksAnswers.Failure<TResponse>(request, FailedAuthentications.Message(retryAfter), transient: true);
        }

        call.Refusal = "unauthenticated";
        if (integrationId is null)
        {
            // An unknown or missing token names no integration.
            LogAuthenticationFailed(typeof(TRequest).Name, reason, address);
        }
        else
        {
            LogIntegrationAuthenticationFailed(typeof(TRequest).Name, reason, address, integrationId);
        }

        return LinnworksAnswers.Failure<TResponse>(request, error);
    }

    [Microsoft.Extensions.Logging.LoggerMessage(Microsoft.Extensions.Logging.LogLevel.Warning, "{Request} refused: {Reason} from {ClientAddress}")]
    private partial void LogAuthenticationFailed(string request, string reason, string? clientAddress);

    [Microsoft.Extensions.Logging.LoggerMessage(Microsoft.Extensions.Logging.LogLevel.Warning, "{Request} refused: {Reason} from {ClientAddress} (integration {IntegrationId})")]
    private partial void LogIntegrationAuthenticationFailed(string request, string reason, string? clientAddress, string integrationId);

    [Microsoft.Extensions.Logging.LoggerMessage(Microsoft.Extensions.Logging.LogLevel.Warning, "{Request} refused: {Reason} from {ClientAddress}, " + FailedAuthentications.NotLoggedAgain)]
    private partial void LogTooMany(string request, string reason, string? clientAddress);
}
