using ChannelBridge.Application.Common.Contracts;
using ChannelBridge.Application.Common.Messaging;
using ChannelBridge.Domain.Common;
using ChannelBridge.Domain.UserConfigs;
using MediatR;

namespace ChannelBridge.Application.Common.Behaviours;

/// <summary>
/// Resolves the integration behind the request's AuthorizationToken. An unknown, deleted or missing
/// token answers the endpoint's default response with <see cref="LinnworksErrors.InvalidToken"/>,
/// and the handler (and validation, so callers learn nothing) never runs. A bearer, when sent (or required),
/// must be a valid OAuth token of the integration's store.
/// </summary>
internal sealed class AuthTokenBehaviour<TRequest, TResponse>(
    IUserConfigRepository userConfigs, IntegrationContext context, OAuth.BearerTokenValidator bearer, IRequestCredentials credentials, FailedAuthentications failures)
    : IPipelineBehavior<TRequest, TResponse>
    where TRequest : ILinnworksRequest<TResponse>, IRequireAuthToken
    where TResponse : LinnworksResponse, new()
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        var address = credentials.ClientAddress;
        if (failures.IsBlocked(address, out var retryAfter))
        {
            return LinnworksAnswers.Failure<TResponse>(request, FailedAuthentications.Message(retryAfter), transient: true);
        }

        var token = request.AuthorizationToken?.Trim();
        if (string.IsNullOrEmpty(token) || token.Length > 512)
        {
            failures.Record(address);
            return LinnworksAnswers.Failure<TResponse>(request, LinnworksErrors.InvalidToken);
        }

        var userConfig = await userConfigs.GetByTokenHashAsync(SecretHash.Of(token).Hex, PipelineCancellation.Current(cancellationToken));
        // Found by the token's hash: the match is already proven, no second hash needed.
        if (userConfig is { IsDeleted: true } && request is IAcceptsDeletedIntegration)
        {
            // ConfigDeleted sent again (Linnworks deletes its side whatever we answer): already done.
            return new TResponse();
        }

        if (userConfig is null || userConfig.IsDeleted)
        {
            failures.Record(address);
            return LinnworksAnswers.Failure<TResponse>(request, LinnworksErrors.InvalidToken);
        }

        // With the OAuth option, the bearer must belong to the integration's store (any store while it is unlinked).
        var bearerCheck = await bearer.ValidateAsync(userConfig.StoreId, PipelineCancellation.Current(cancellationToken));
        if (bearerCheck.IsFailure)
        {
            failures.Record(address);
            return LinnworksAnswers.Failure<TResponse>(request, bearerCheck.ErrorMessage);
        }

        if (bearerCheck.Value is { } granted && OAuth.OAuthScopeAttribute.Of<TRequest>() is { } scope && !granted.HasScope(scope))
        {
            return LinnworksAnswers.Failure<TResponse>(request, $"This OAuth token was not granted the '{scope}' scope this endpoint needs; authorise again asking for it.");
        }

        context.Set(userConfig, bearerCheck.Value);
        return await next();
    }
}
