using Microsoft.AspNetCore.Http.Features;

namespace ChannelBridge.Api.Infrastructure;

/// <summary>
/// The request's path as the client sent it. The router decodes a route value's escapes except <c>%2F</c>, which it leaves
/// as three characters (a decoded slash would change which route matches), so a value with a slash, such as a SKU
/// <c>TS/RED/XL</c> sent as <c>TS%2FRED%2FXL</c>, reaches the action still escaped. Read from the request target, every
/// escape is decoded once: <c>%2F</c> is a slash, <c>%252F</c> the three characters.
/// </summary>
public static class RawPath
{
    /// <summary>The last segment of the request's path, unescaped once; null when the host gives no request target.</summary>
    public static string? LastSegment(HttpContext context)
    {
        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (string.IsNullOrEmpty(target))
        {
            return null;
        }

        var path = target.Split('?', 2)[0];
        return Uri.UnescapeDataString(path[(path.LastIndexOf('/') + 1)..]);
    }
}
