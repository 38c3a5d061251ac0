using System.Text.Json.Serialization;

namespace ChannelBridge.Application.OAuth.IssueAccessToken;

/// <summary>
/// Either a token or an RFC 6749 §5.2 error (with the HTTP status it is sent with), or 429 with <see cref="RetryAfter"/>:
/// for a client past its tokens a minute, or, with <see cref="PastFailureLimit"/>, for wrong credentials from an address
/// past its limit of failed authentications.
/// </summary>
public sealed record IssueAccessTokenResult(AccessTokenResponse? Token, OAuthErrorResponse? Error, int Status, TimeSpan? RetryAfter = null, bool PastFailureLimit = false)
{
    public const int TooManyStatus = 429;

    public static IssueAccessTokenResult Fail(string error, string description, int status = 400) => new(null, new OAuthErrorResponse(error, description), status);

    /// <summary>The client is past its tokens a minute: no token, and no RFC 6749 error (it defines none for this).</summary>
    public static IssueAccessTokenResult TooMany(TimeSpan retryAfter) => new(null, null, TooManyStatus, retryAfter);

    /// <summary>Wrong credentials from an address past its limit of failed authentications (<see cref="Common.FailedAuthentications"/>).</summary>
    public static IssueAccessTokenResult TooManyFailures(TimeSpan retryAfter) => new(null, null, TooManyStatus, retryAfter, PastFailureLimit: true);
}

public sealed record AccessTokenResponse(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("token_type")] string TokenType,
    [property: JsonPropertyName("expires_in")] long ExpiresIn,
    [property: JsonPropertyName("scope")] string Scope);

public sealed record OAuthErrorResponse(
    [property: JsonPropertyName("error")] string Error,
    [property: JsonPropertyName("error_description")] string ErrorDescription);
