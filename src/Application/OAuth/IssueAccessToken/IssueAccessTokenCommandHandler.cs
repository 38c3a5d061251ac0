using ChannelBridge.Application.Common;
using ChannelBridge.Application.Common.Ports;
using ChannelBridge.Domain.Stores;
using MediatR;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChannelBridge.Application.OAuth.IssueAccessToken;

/// <summary>
/// RFC 6749's client credentials grant for a store. Wrong credentials count against the caller's address
/// (<see cref="FailedAuthentications"/>); past its limit, a client id found unknown moments ago is answered "too many"
/// without a lookup, as an unknown Channel API key is. Valid credentials are served whatever the address's count, and
/// then limited per client (<see cref="AccessTokenIssueLimit"/>). Wrong credentials are counted and logged as on every
/// other route: each within the address's limit, past it one line a minute for the address, the rest only counted.
/// </summary>
internal sealed partial class IssueAccessTokenCommandHandler(
    IStoreRepository stores, IAccessTokenRepository tokens, IOptions<OAuthOptions> options, AccessTokenIssueLimit limit, FailedAuthentications failures,
    IRequestCredentials credentials, TimeProvider time, ILogger<IssueAccessTokenCommandHandler> logger)
    : IRequestHandler<IssueAccessTokenCommand, IssueAccessTokenResult>
{
    /// <summary>What an unknown client id is remembered as, apart from the credential hashes remembered beside it.</summary>
    private const string UnknownClient = "oauth-client:";

    public async Task<IssueAccessTokenResult> Handle(IssueAccessTokenCommand request, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (RequestProblem(request, settings) is { } problem)
        {
            return problem;
        }

        var clientId = request.ClientId!.Trim();
        var store = await FindClientAsync(clientId, cancellationToken);
        if (store is not { IsActive: true } || !store.KeyMatches(request.ClientSecret))
        {
            return Refused(clientId, store is null ? "unknown client" : store.IsActive ? "wrong secret" : "store disabled");
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

    /// <summary>
    /// Wrong credentials: counted against the caller's address, answered 401 invalid_client within its limit and "too
    /// many" past it. The client id is logged when it could be a store id (not a secret); anything else a caller chose
    /// (a line break that would forge a log line, a megabyte) is logged as its length only.
    /// </summary>
    private IssueAccessTokenResult Refused(string clientId, string reason)
    {
        var address = credentials.ClientAddress;
        var client = clientId.Length <= 64 && clientId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')
            ? clientId
            : $"({clientId.Length} characters, not a store id)";
        ChannelBridgeTelemetry.AuthenticationFailures.Add(1, new KeyValuePair<string, object?>("api", "oauth"), new KeyValuePair<string, object?>("reason", "invalid_client"));
        if (failures.Fail(address) is not { } wait)
        {
            LogRefused(reason, address, client);
            return IssueAccessTokenResult.Fail("invalid_client", "Unknown client, wrong secret, or the store is disabled.", 401);
        }

        if (failures.RefusedPastLimit("oauth", address))
        {
            LogRefusedPastLimit(reason, address, client);
        }

        return IssueAccessTokenResult.TooManyFailures(wait);
    }

    [LoggerMessage(LogLevel.Warning, "Token request refused: {Reason} from {ClientAddress} (client {ClientId})")]
    private partial void LogRefused(string reason, string? clientAddress, string clientId);

    [LoggerMessage(LogLevel.Warning, "Token request refused: {Reason} from {ClientAddress} (client {ClientId}), " + FailedAuthentications.NotLoggedAgain)]
    private partial void LogRefusedPastLimit(string reason, string? clientAddress, string clientId);

    /// <summary>The store the client id names, or null; looked up unless the id cannot be one or is remembered unknown.</summary>
    private async Task<StoreAccess?> FindClientAsync(string clientId, CancellationToken cancellationToken)
    {
        if (clientId.Length > 64 || failures.IsKnownFailure(credentials.ClientAddress, UnknownClient + clientId))
        {
            return null;
        }

        var store = await stores.GetAccessAsync(clientId, cancellationToken);
        if (store is null)
        {
            failures.RememberUnknown(UnknownClient + clientId);
        }

        return store;
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
