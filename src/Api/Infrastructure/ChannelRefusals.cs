using System.Globalization;
using Microsoft.AspNetCore.Mvc;

namespace ChannelBridge.Api.Infrastructure;

/// <summary>
/// A Channel API (or /oauth) request refused before it reached its endpoint: the status, when to retry, and a
/// ProblemDetails body saying why. Used by every limit in front of the endpoints (failed authentications, the per-key
/// rate, the request queue).
/// </summary>
public static class ChannelRefusals
{
    public static Task WriteAsync(HttpContext context, int status, TimeSpan? retryAfter, string title, string detail)
    {
        context.Response.StatusCode = status;
        if (retryAfter is { } wait)
        {
            context.Response.Headers.RetryAfter = Math.Max(1, Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        return context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        }).AsTask();
    }
}
