using System.Globalization;
using ChannelBridge.Application.Common;
using Microsoft.AspNetCore.Mvc;

namespace ChannelBridge.Api.Infrastructure;

/// <summary>
/// Channel API and /oauth/token: an address that used up its failed authentications for the minute gets
/// 429 ProblemDetails with Retry-After, before any key is looked at. (Linnworks routes answer in-band, in
/// the pipeline's AuthToken behaviour.)
/// </summary>
public sealed class FailedAuthenticationGate(RequestDelegate next, FailedAuthentications failures, IProblemDetailsService problemDetails)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path;
        if ((path.StartsWithSegments("/api/channel") || path.StartsWithSegments("/oauth")) &&
            failures.IsBlocked(context.Connection.RemoteIpAddress?.ToString(), out var retryAfter))
        {
            ChannelBridgeTelemetry.RateLimited.Add(1, new KeyValuePair<string, object?>("api", path.StartsWithSegments("/oauth") ? "oauth" : "channel"), new KeyValuePair<string, object?>("reason", "failed_authentications"));
            context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            context.Response.Headers.RetryAfter = Math.Max(1, Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            await problemDetails.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = new ProblemDetails { Status = 429, Title = "Too many failed authentications", Detail = FailedAuthentications.Message(retryAfter) },
            });
            return;
        }

        await next(context);
    }
}
