using System.Net;
using System.Net.Http.Headers;
using System.Text;
using ChannelBridge.Application.OAuth.IssueAccessToken;

namespace ChannelBridge.Api.Infrastructure;

/// <summary>
/// A token request's client credentials, as RFC 6749 §2.3.1 lets a client send them: the form's <c>client_id</c> and
/// <c>client_secret</c> (what Linnworks sends), or HTTP Basic, which every authorization server must take and which
/// generic OAuth clients send (the endpoint's 401 challenges with it). In Basic, each part is form-encoded first. One
/// method a request: a secret in both, or two different client ids, is <c>invalid_request</c>. A header of another
/// scheme (a client sending its expired bearer along) is not a credential here and is left alone.
/// </summary>
internal readonly record struct OAuthClientCredentials(string? ClientId, string? ClientSecret, OAuthErrorResponse? Error)
{
    /// <summary>
    /// The credentials of a token request, which is a form (RFC 6749 §4.4.2): a body of any other type (JSON, multipart,
    /// none) is <c>invalid_request</c>, saying what it was sent as.
    /// </summary>
    public static OAuthClientCredentials Read(HttpRequest request, string? formClientId, string? formClientSecret)
    {
        if (!FormUrlEncodedOnlyAttribute.IsForm(request))
        {
            var sent = request.ContentType is { Length: > 0 } type ? "it was sent as " + type[..Math.Min(type.Length, 100)] : "it was sent without a Content-Type";
            return Invalid($"A token request is a form, {FormUrlEncodedOnlyAttribute.MediaType} (RFC 6749 §4.4.2); {sent}.");
        }

        return Read(request.Headers.Authorization, formClientId, formClientSecret);
    }

    public static OAuthClientCredentials Read(string? authorization, string? formClientId, string? formClientSecret)
    {
        if (!AuthenticationHeaderValue.TryParse(authorization, out var header) || !header.Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase))
        {
            return new(formClientId, formClientSecret, null);
        }

        if (Decode(header.Parameter) is not var (clientId, clientSecret))
        {
            return Invalid("The Authorization header's Basic credentials cannot be read: send base64 of client_id:client_secret.");
        }

        if (!string.IsNullOrEmpty(formClientSecret) || (!string.IsNullOrEmpty(formClientId) && formClientId != clientId))
        {
            return Invalid("Send the client's credentials once: in the Authorization header or in the form, not both.");
        }

        return new(clientId, clientSecret, null);
    }

    private static (string ClientId, string ClientSecret)? Decode(string? parameter)
    {
        var bytes = new byte[((parameter?.Length ?? 0) / 4 * 3) + 3];
        if (parameter is null || !Convert.TryFromBase64String(parameter, bytes, out var length))
        {
            return null;
        }

        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes, 0, length);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }

        var colon = text.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? null : (WebUtility.UrlDecode(text[..colon]), WebUtility.UrlDecode(text[(colon + 1)..]));
    }

    private static OAuthClientCredentials Invalid(string description) => new(null, null, new OAuthErrorResponse("invalid_request", description));
}
