using Microsoft.AspNetCore.WebUtilities;

namespace ChannelBridge.Api.Infrastructure;

/// <summary>
/// Linnworks does not accept chunked or streamed responses: every response is buffered and sent
/// with an exact Content-Length. The buffer is ASP.NET Core's own <see cref="FileBufferingWriteStream"/>
/// (what MVC buffers with): pooled pages rather than one growing array, so a page of orders (up to a few MB,
/// Orders:PageBudgetChars) never allocates on the large object heap; past <see cref="MemoryThreshold"/> it
/// spills to a temporary file instead of holding memory.
/// </summary>
public sealed class ContentLengthMiddleware(RequestDelegate next, Microsoft.Extensions.Options.IOptions<ApiOptions> options)
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

        if (options.Value.ServerTiming)
        {
            var call = context.RequestServices.GetRequiredService<Application.Common.Calls.CallContext>();
            var turn = call.BeforeTurn is { } beforeTurn ? FormattableString.Invariant($", turn;dur={beforeTurn.TotalMilliseconds:F1}") : string.Empty;
            context.Response.Headers["Server-Timing"] = FormattableString.Invariant($"app;dur={call.Waited.TotalMilliseconds:F1}") + turn;
        }

        context.Response.ContentLength = buffer.Length;
        if (buffer.Length > 0 && !HttpMethods.IsHead(context.Request.Method))
        {
            // The buffer holds 1 KiB pages and drains them one write at a time; a write to the response is a write and
            // a flush, so a 165 KB Orders page went out as 160 flushes. Copied into the response's pipe and flushed
            // every FlushEvery bytes (so a large answer still waits for the client), it goes out in three.
            var pipe = context.Response.BodyWriter;
            await buffer.DrainBufferAsync(new BatchedPipeStream(pipe), context.RequestAborted);
            await pipe.FlushAsync(context.RequestAborted);
        }
    }

    private const int FlushEvery = 64 * 1024;

    /// <summary>A write-only stream that copies into a pipe and flushes it once per <see cref="FlushEvery"/> bytes.</summary>
    private sealed class BatchedPipeStream(System.IO.Pipelines.PipeWriter pipe) : Stream
    {
        private long _unflushed;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer) => System.Buffers.BuffersExtensions.Write(pipe, buffer);

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Write(buffer.Span);
            _unflushed += buffer.Length;
            if (_unflushed >= FlushEvery)
            {
                _unflushed = 0;
                await pipe.FlushAsync(cancellationToken);
            }
        }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
