using ChannelBridge.Domain.Stores;
using MediatR;
using Microsoft.Extensions.Options;

namespace ChannelBridge.Application.OAuth.IssueAccessToken;

internal sealed class IssueAccessTokenCommandHandler(IStoreRepository stores, IAccessTokenRepository tokens, IOptions<OAuthOptions> options, AccessTokenIssueLimit limit, TimeProvider time)
    : IRequestHandler<IssueAccessTokenCommand, IssueAccessTokenResult>
{
    public async Task<IssueAccessTokenResult> Handle(IssueAccessTokenCommand request, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (RequestProblem(request, settings) is { } problem)
        {
            return problem;
        }

        var store = request.ClientId!.Length > 64 ? null : await stores.GetAccessAsync(request.ClientId.Trim(), cancellationToken);
        if (store is null || !store.IsActive || !store.KeyMatches(request.ClientSecret))
        {
            return IssueAccessTokenResult.Fail("invalid_client", "Unknown client, wrong secret, or the store is disabled.", 401);
        }

        if (limit.TryTake(store.Id) is { } retryAfter)
        {
            return IssueAccessTokenResult.TooMany(retryAfter);
        }

        var allowed = settings.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var requested = (request.Scope ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var unknown = requested.Except(allowed, StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            return IssueAccessTokenResult.Fail("invalid_scope", $"Unknown scope: {string.Join(" ", unknown)}. Allowed: {settings.Scopes}.");
        }

        var scope = string.Join(" ", requested.Length > 0 ? requested.Distinct(StringComparer.Ordinal) : allowed);
        var (token, value) = AccessToken.Issue(store.Id, scope, settings.TokenLifetime, time.GetUtcNow().UtcDateTime);
        await tokens.SaveAsync(token, cancellationToken);
        return new IssueAccessTokenResult(new AccessTokenResponse(value, "bearer", (long)settings.TokenLifetime.TotalSeconds, scope), null, 200);
    }

    /// <summary>RFC 6749's answer to a request that cannot be a client_credentials grant (or OAuth off); null when it can.</summary>
    private static IssueAccessTokenResult? RequestProblem(IssueAccessTokenCommand request, OAuthOptions settings) => request switch
    {
        _ when !settings.Enabled => IssueAccessTokenResult.Fail("unauthorized_client", "OAuth is not enabled on this channel."),
        _ when string.IsNullOrWhiteSpace(request.GrantType) => IssueAccessTokenResult.Fail("invalid_request", "grant_type is required."),
        { GrantType: not "client_credentials" } => IssueAccessTokenResult.Fail("unsupported_grant_type", "Only grant_type=client_credentials is supported."),
        _ when string.IsNullOrWhiteSpace(request.ClientId) || string.IsNullOrEmpty(request.ClientSecret) =>
            IssueAccessTokenResult.Fail("invalid_request", "client_id and client_secret are required."),
        _ => null,
    };
}
