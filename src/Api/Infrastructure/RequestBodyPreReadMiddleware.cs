using System.IO.Pipelines;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace ChannelBridge.Api.Infrastructure;

/// <summary>
/// Reads a request's body whole before the request waits for a turn (<see cref="RequestQueue"/>, ADR-023). A body
/// arrives at its sender's pace; read after the turn is taken, eight senders trickling bytes (Kestrel accepts 240 bytes
/// a second) would hold every turn, and every other caller on the node, Linnworks included, would wait. Read here, a
/// slow body delays its own request only. The body is held in pooled memory, never in a file (orders carry buyers'
/// personal data, ADR-018), up to the endpoint's limit: Linnworks' (<see cref="ApiOptions.MaxLinnworksRequestBytes"/>)
/// is applied here, before reading, as <see cref="LinnworksRequestFilter"/> applies it. A body declared over its limit is
/// not read; a failure while reading (over the limit, cut off) is kept at the end of what was read, so the endpoint
/// meets it and answers it as it always has.
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

        var body = await PreReadAsync(context.Request, limit, context.RequestAborted);
        try
        {
            await next(context);
        }
        finally
        {
            await body.CompleteAsync();
        }
    }

    /// <summary>
    /// The body copied into a pipe of pooled segments (no array the size of the body, which would go to the large object
    /// heap and grow by copies), which the request then reads as its body. A failure while reading (over the limit, cut off,
    /// the caller gone) is kept at the end of the pipe, so the endpoint meets it where it always has.
    /// </summary>
    private static async Task<PipeReader> PreReadAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: 0, minimumSegmentSize: SegmentSize, useSynchronizationContext: false));
        Exception? failure = null;
        try
        {
            long total = 0;
            while (await request.Body.ReadAsync(pipe.Writer.GetMemory(SegmentSize), cancellationToken) is > 0 and var read)
            {
                pipe.Writer.Advance(read);
                if ((total += read) > limit)
                {
                    throw new BadHttpRequestException($"The request body is larger than {limit} bytes.", StatusCodes.Status413PayloadTooLarge);
                }
            }
        }
        catch (Exception ex) when (ex is BadHttpRequestException or IOException or OperationCanceledException)
        {
            failure = ex;
        }

        await pipe.Writer.CompleteAsync(failure);
        request.Body = pipe.Reader.AsStream();
        return pipe.Reader;
    }

    private const int SegmentSize = 16 * 1024;
}
