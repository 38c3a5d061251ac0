namespace ChannelBridge.Api.Infrastructure;

/// <summary>
/// Linnworks does not accept chunked or streamed responses: every response is buffered and sent
/// with an exact Content-Length. Responses here are small (a page of at most 100 orders).
/// </summary>
public sealed class ContentLengthMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var original = context.Response.Body;
        await using var buffer = new MemoryStream();
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
            buffer.Position = 0;
            await buffer.CopyToAsync(original, context.RequestAborted);
        }
    }
}
