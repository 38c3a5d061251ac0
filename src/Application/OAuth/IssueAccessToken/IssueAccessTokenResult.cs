using System.Text.Json.Serialization;

namespace ChannelBridge.Application.OAuth.IssueAccessToken;

/// <summary>Either a token or an RFC 6749 §5.2 error (with the HTTP status it is sent with).</summary>
public sealed record IssueAccessTokenResult(AccessTokenResponse? Token, OAuthErrorResponse? Error, int Status)
{
    public static IssueAccessTokenResult Fail(string error, string description, int status = 400) => new(null, new OAuthErrorResponse(error, description), status);
}

public sealed record AccessTokenResponse(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("token_type")] string TokenType,
    [property: JsonPropertyName("expires_in")] long ExpiresIn,
    [property: JsonPropertyName("scope")] string Scope);

public sealed record OAuthErrorResponse(
    [property: JsonPropertyName("error")] string Error,
    [property: JsonPropertyName("error_description")] string ErrorDescription);
