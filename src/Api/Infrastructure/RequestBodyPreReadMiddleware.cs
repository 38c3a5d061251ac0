using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace ChannelBridge.Api.Infrastructure;

/// <summary>
/// Reads a request's body whole before the request waits for a turn (<see cref="RequestQueue"/>, ADR-023). A body
/// arrives at its sender's pace; read after the turn is taken, eight senders trickling bytes (Kestrel accepts 240 bytes
/// a second) would hold every turn, and every other caller on the node, Linnworks included, would wait. Read here, a
/// slow body delays its own request only. The body is held in pooled memory, never in a file (orders carry buyers'
/// personal data, ADR-018), up to the endpoint's limit: Linnworks' (<see cref="ApiOptions.MaxLinnworksRequestBytes"/>)
/// is applied here, before reading, as <see cref="LinnworksRequestFilter"/> applies it. A body the server refuses while
/// reading (over its limit, cut off) is left as it is, so the endpoint answers it as it always has.
/// </summary>
public sealed class RequestBodyPreReadMiddleware(RequestDelegate next, IOptions<ApiOptions> options)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody != true || context.Request.Path.StartsWithSegments("/health"))
        {
            await next(context);
            return;
        }

        var sizeFeature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        var linnworks = LinnworksFailureAnswers.IsLinnworksEndpoint(context);
        var limit = linnworks ? options.Value.MaxLinnworksRequestBytes : sizeFeature?.MaxRequestBodySize ?? options.Value.MaxChannelRequestBytes;
        if (context.Request.ContentLength > limit)
        {
            // Declared too large: the endpoint refuses it without reading it (LinnworksRequestFilter, Kestrel's limit).
            await next(context);
            return;
        }

        if (linnworks && sizeFeature is { IsReadOnly: false })
        {
            sizeFeature.MaxRequestBodySize = limit;
        }

        await PreReadAsync(context.Request, limit, context.RequestAborted);
        await next(context);
    }

    private static async Task PreReadAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        // ASP.NET Core's own buffering stream, with its memory threshold at the limit: pooled pages, no file.
        request.EnableBuffering(bufferThreshold: (int)Math.Min(limit, int.MaxValue), bufferLimit: limit);
        try
        {
            await request.Body.DrainAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is BadHttpRequestException or IOException or OperationCanceledException)
        {
            // Over the limit, malformed or cut off: the endpoint meets the same failure when it reads, and answers it.
        }

        request.Body.Position = 0;
    }
}
