using ChannelBridge.Application.Common;

namespace ChannelBridge.Api.Infrastructure;

/// <summary>
/// Channel API and /oauth/token: an address that used up its failed authentications for the minute gets
/// 429 ProblemDetails with Retry-After, before any key is looked at. (Linnworks routes answer in-band, in
/// the pipeline's AuthToken behaviour.)
/// </summary>
public sealed class FailedAuthenticationGate(RequestDelegate next, FailedAuthentications failures)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path;
        if ((path.StartsWithSegments("/api/channel") || path.StartsWithSegments("/oauth")) &&
            failures.IsBlocked(context.Connection.RemoteIpAddress?.ToString(), out var retryAfter))
        {
            ChannelBridgeTelemetry.RateLimited.Add(1, new KeyValuePair<string, object?>("api", path.StartsWithSegments("/oauth") ? "oauth" : "channel"), new KeyValuePair<string, object?>("reason", "failed_authentications"));
            await ChannelRefusals.WriteAsync(
                context, StatusCodes.Status429TooManyRequests, retryAfter, "Too many failed authentications", FailedAuthentications.Message(retryAfter));
            return;
        }

        await next(context);
    }
}
