using MediatR;

namespace ChannelBridge.Application.OAuth.IssueAccessToken;

/// <summary>RFC 6749 §4.4 client credentials: client_id is the StoreId, client_secret the StoreKey.</summary>
public sealed record IssueAccessTokenCommand(string? GrantType, string? ClientId, string? ClientSecret, string? Scope) : IRequest<IssueAccessTokenResult>;
