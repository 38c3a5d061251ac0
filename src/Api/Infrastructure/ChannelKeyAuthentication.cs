using System.Security.Claims;
using System.Text.Encodings.Web;
using ChannelBridge.Application.Common;
using ChannelBridge.Application.Stores.AuthenticateChannelKey;
using MediatR;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace ChannelBridge.Api.Infrastructure;

/// <summary>
/// Channel API authentication: <c>Authorization: Bearer &lt;key&gt;</c> with the operator key or a StoreKey.
/// Missing or wrong key → 401 ProblemDetails (429 with Retry-After when the address is past its limit of failed
/// authentications); a store's key on another store → 403 ProblemDetails. A valid key is never refused for
/// what other callers did from its address.
/// </summary>
public sealed class ChannelKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IMediator mediator,
    IProblemDetailsService problemDetails,
    FailedAuthentications failures)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ChannelKey";
    public const string OperatorPolicy = "ChannelOperator";
    public const string StorePolicy = "ChannelStore";
    public const string OperatorClaim = "channel:operator";
    public const string StoreClaim = "channel:store";
    private const string TooManyFailuresKey = "ChannelBridge.TooManyFailedAuthentications";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        // Only the Channel API uses store and operator keys. Being the only scheme, this handler is also the default
        // one: without this check a Linnworks call carrying an OAuth bearer was looked up as a store key and counted
        // as a failed authentication of its address.
        var header = Request.Headers.Authorization.ToString();
        if (!Request.Path.StartsWithSegments("/api/channel") || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var address = ClientAddress.Of(Context);
        var check = await mediator.Send(new AuthenticateChannelKeyQuery(header["Bearer ".Length..].Trim(), address), Context.RequestAborted);
        if (check.Caller is not { } caller)
        {
            ChannelBridgeTelemetry.AuthenticationFailures.Add(1, new KeyValuePair<string, object?>("api", "channel"), new KeyValuePair<string, object?>("reason", "unknown key"));
            if (check.RetryAfter is { } retryAfter)
            {
                // Answered by the challenge: 429 instead of 401, so the caller backs off.
                Context.Items[TooManyFailuresKey] = retryAfter;
                if (failures.RefusedPastLimit("channel", address))
                {
                    Logger.LogWarning("Channel API call to {Path} refused: unknown key from {ClientAddress}, " + FailedAuthentications.NotLoggedAgain, Request.Path, address);
                }
            }
            else
            {
                Logger.LogWarning("Channel API call to {Path} refused: unknown key from {ClientAddress}", Request.Path, address);
            }

            return AuthenticateResult.Fail("The key is not valid.");
        }

        Claim claim = caller.IsOperator ? new(OperatorClaim, "true") : new(StoreClaim, caller.StoreId!);
        var principal = new ClaimsPrincipal(new ClaimsIdentity([claim], SchemeName));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (Context.Items.TryGetValue(TooManyFailuresKey, out var wait) && wait is TimeSpan retryAfter)
        {
            return ChannelRefusals.WriteAsync(
                Context, StatusCodes.Status429TooManyRequests, retryAfter, "Too many failed authentications", FailedAuthentications.Message(retryAfter));
        }

        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        return WriteProblem("Unauthorized", "Send 'Authorization: Bearer <key>' with the operator key or the store's StoreKey.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return WriteProblem("Forbidden", "This key may not act on this resource.");
    }

    private async Task WriteProblem(string title, string detail) =>
        await problemDetails.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = new ProblemDetails { Status = Response.StatusCode, Title = title, Detail = detail },
        });
}

/// <summary>The caller is the operator, or the store named by the route's <c>storeId</c>.</summary>
public sealed class StoreAccessRequirement : IAuthorizationRequirement;

public sealed class StoreAccessHandler(IHttpContextAccessor accessor) : AuthorizationHandler<StoreAccessRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, StoreAccessRequirement requirement)
    {
        var storeId = accessor.HttpContext?.GetRouteValue("storeId") as string;
        if (context.User.HasClaim(ChannelKeyAuthenticationHandler.OperatorClaim, "true") ||
            (storeId is not null && context.User.HasClaim(ChannelKeyAuthenticationHandler.StoreClaim, storeId)))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
