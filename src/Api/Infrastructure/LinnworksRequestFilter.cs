using System.Diagnostics.CodeAnalysis;
using System.Text;
using ChannelBridge.Application.Common.Linnworks;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace ChannelBridge.Api.Infrastructure;

/// <summary>
/// Before a Linnworks body is read: rejects one declared over <see cref="ApiOptions.MaxLinnworksRequestBytes"/>
/// with the endpoint's default response and an Error (a body without Content-Length is cut off at the same limit
/// while <see cref="RequestBodyPreReadMiddleware"/> reads it, and the exception handler answers the same way), and reads any body as
/// JSON whatever its Content-Type says, so a missing or wrong header is not a 415. A body in another
/// charset (latin1, windows-1252, UTF-16) is transcoded to UTF-8; an unknown charset is an Error.
/// </summary>
public sealed class LinnworksRequestFilter(IOptions<ApiOptions> options) : IResourceFilter
{
    public void OnResourceExecuting(ResourceExecutingContext context)
    {
        if (!LinnworksFailureAnswers.IsLinnworksAction(context.ActionDescriptor))
        {
            return;
        }

        var limit = options.Value.MaxLinnworksRequestBytes;
        if (context.HttpContext.Request.ContentLength > limit)
        {
            context.Result = LinnworksFailureAnswers.Result(context.ActionDescriptor, $"{LinnworksErrors.RequestTooLarge} ({limit} bytes).");
            return;
        }

        ReadAsUtf8Json(context);
    }

    /// <summary>The body is read as JSON whatever its Content-Type; another charset is transcoded to UTF-8, an unknown one answered with an Error.</summary>
    private static void ReadAsUtf8Json(ResourceExecutingContext context)
    {
        var request = context.HttpContext.Request;
        if (IsUtf8(request))
        {
            request.ContentType = "application/json";
            return;
        }

        var charset = CharsetOf(request)!;

        // Another charset (latin1, windows-1252, utf-16 …): transcode the body to UTF-8 rather than refuse it.
        if (!TryGetEncoding(charset, out var encoding))
        {
            context.Result = LinnworksFailureAnswers.Result(context.ActionDescriptor, $"{LinnworksErrors.MalformedRequest}: charset '{charset}' is not supported; send UTF-8.");
            return;
        }

        request.Body = Encoding.CreateTranscodingStream(request.Body, encoding, Encoding.UTF8, leaveOpen: true);
        request.ContentLength = null;
        request.ContentType = "application/json";
    }

    /// <summary>Whether the body is UTF-8 by its Content-Type: no charset named, or UTF-8.</summary>
    public static bool IsUtf8(HttpRequest request) =>
        CharsetOf(request) is not { } charset || charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) || charset.Equals("utf8", StringComparison.OrdinalIgnoreCase);

    private static string? CharsetOf(HttpRequest request) =>
        MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType) && mediaType.Charset.Value?.Trim('"') is { } charset && !string.IsNullOrWhiteSpace(charset)
            ? charset
            : null;

    private static bool TryGetEncoding(string charset, [NotNullWhen(true)] out Encoding? encoding)
    {
        try
        {
            encoding = CodePagesEncodingProvider.Instance.GetEncoding(charset) ?? Encoding.GetEncoding(charset);
            return true;
        }
        catch (ArgumentException)
        {
            encoding = null;
            return false;
        }
    }

    public void OnResourceExecuted(ResourceExecutedContext context)
    {
    }
}
