using ChannelBridge.Api.Infrastructure;
using ChannelBridge.Application.Common;
using ChannelBridge.Application.OAuth.IssueAccessToken;
using Microsoft.AspNetCore.Mvc;

namespace ChannelBridge.Api.Controllers;

/// <summary>
/// Linnworks' OAuthAuthorizationEndpoint: client_credentials, form-encoded, RFC 6749 answers. Limited per client once its
/// credentials are checked (<see cref="AccessTokenIssueLimit"/>), and failing credentials per address
/// (<see cref="FailedAuthentications"/>); not per address otherwise: Linnworks asks for every seller's tokens from a few.
/// </summary>
[ApiController]
[Route("oauth")]
[Tags("Linnworks: OAuth")]
public sealed class OAuthController : ApiControllerBase
{
    /// <summary>A token request is a few short form fields; nobody's body of more is held for it (ADR-023).</summary>
    public const long MaxTokenRequestBytes = 16 * 1024;

    /// <summary>
    /// client_id = StoreId, client_secret = StoreKey, in the form or as HTTP Basic (RFC 6749 §2.3.1); answers access_token,
    /// token_type, expires_in, scope.
    /// </summary>
    [HttpPost("token")]
    [LinnworksManifest("OAuthAuthorizationEndpoint")]
    [FormUrlEncodedOnly]
    [RequestSizeLimit(MaxTokenRequestBytes)]
    [ProducesResponseType<AccessTokenResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<OAuthErrorResponse>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType<OAuthErrorResponse>(StatusCodes.Status401Unauthorized)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status429TooManyRequests)]
    public async Task<IActionResult> Token([FromForm] TokenForm form, CancellationToken cancellationToken)
    {
        Response.Headers.CacheControl = "no-store";
        Response.Headers.Pragma = "no-cache";
        var client = OAuthClientCredentials.Read(Request, form.client_id, form.client_secret);
        if (client.Error is { } unreadable)
        {
            return BadRequest(unreadable);
        }

        var result = await Mediator.Send(new IssueAccessTokenCommand(form.grant_type, client.ClientId, client.ClientSecret, form.scope), cancellationToken);
        if (result is { PastFailureLimit: true, RetryAfter: { } past })
        {
            // Past the address's limit of failed authentications: back off. A valid client is never refused here.
            await ChannelRefusals.WriteAsync(HttpContext, StatusCodes.Status429TooManyRequests, past, "Too many failed authentications", FailedAuthentications.Message(past));
            return new EmptyResult();
        }

        if (result.RetryAfter is { } wait)
        {
            await ChannelRefusals.WriteAsync(HttpContext, StatusCodes.Status429TooManyRequests, wait, "Too many requests", "This client asked for more tokens than it may per minute; retry later.");
            return new EmptyResult();
        }

        if (result.Status == StatusCodes.Status401Unauthorized)
        {
            Response.Headers.WWWAuthenticate = "Basic realm=\"ChannelBridge\"";
        }

        return StatusCode(result.Status, (object?)result.Token ?? result.Error);
    }

#pragma warning disable SA1300, IDE1006 // RFC 6749 field names
    public sealed record TokenForm(string? grant_type, string? client_id, string? client_secret, string? scope);
#pragma warning restore SA1300, IDE1006
}
