using Microsoft.AspNetCore.WebUtilities;

namespace ChannelBridge.Api.Infrastructure;

/// <summary>
/// Linnworks does not accept chunked or streamed responses: every response is buffered and sent
/// with an exact Content-Length. The buffer is ASP.NET Core's own <see cref="FileBufferingWriteStream"/>
/// (what MVC buffers with): pooled pages rather than one growing array, so a page of orders (up to a few MB,
/// Orders:PageBudgetChars) never allocates on the large object heap; past <see cref="MemoryThreshold"/> it
/// spills to a temporary file instead of holding memory.
/// </summary>
public sealed class ContentLengthMiddleware(RequestDelegate next)
{
    private const int MemoryThreshold = 8 * 1024 * 1024;

    public async Task InvokeAsync(HttpContext context)
    {
        var original = context.Response.Body;
        await using var buffer = new FileBufferingWriteStream(MemoryThreshold);
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = original;
        }

        var status = context.Response.StatusCode;
        if (status is 204 or 304 || status < 200)
        {
            return;
        }

        context.Response.ContentLength = buffer.Length;
        if (buffer.Length > 0 && !HttpMethods.IsHead(context.Request.Method))
        {
            await buffer.DrainBufferAsync(original, context.RequestAborted);
        }
    }
}
