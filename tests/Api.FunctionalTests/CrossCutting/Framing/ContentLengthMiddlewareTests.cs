using System.IO.Pipelines;
using ChannelBridge.Api.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace ChannelBridge.Api.FunctionalTests.CrossCutting.Framing;

/// <summary>
/// The buffered answer goes out whole, with its exact length, in a few flushes. The response here behaves as Kestrel's
/// does: a write to its stream is a write and a flush (a send); its pipe sends only when flushed.
/// </summary>
public class ContentLengthMiddlewareTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(165_247)]
    [InlineData(9 * 1024 * 1024)] // past the buffer's memory threshold: drained from its temporary file
    public async Task TheAnswer_IsSentWhole_WithItsLength_InAFewSends(int size)
    {
        var body = new byte[size];
        new Random(size).NextBytes(body);
        var response = new KestrelLikeResponse();
        var context = response.Context();
        var middleware = new ContentLengthMiddleware(async http =>
        {
            // Written in odd pieces, as a serializer does.
            for (var at = 0; at < body.Length; at += 7_001)
            {
                await http.Response.Body.WriteAsync(body.AsMemory(at, Math.Min(7_001, body.Length - at)));
            }
        }, Microsoft.Extensions.Options.Options.Create(new ApiOptions()));

        await middleware.InvokeAsync(context);

        context.Response.ContentLength.Should().Be(size);
        (await response.SentAsync()).Should().Equal(body);
        response.Sends.Should().BeLessThanOrEqualTo((size / (64 * 1024)) + 2, "one send per 64 KiB and a last one, not one per 1 KiB buffer page");
    }

    [Fact]
    public async Task AHeadRequest_GetsTheLength_AndNoBody()
    {
        var response = new KestrelLikeResponse();
        var context = response.Context();
        context.Request.Method = HttpMethods.Head;
        var middleware = new ContentLengthMiddleware(http => http.Response.Body.WriteAsync(new byte[5000]).AsTask(), Microsoft.Extensions.Options.Options.Create(new ApiOptions()));

        await middleware.InvokeAsync(context);

        context.Response.ContentLength.Should().Be(5000);
        (await response.SentAsync()).Should().BeEmpty();
    }

    /// <summary>A response body whose pipe counts its flushes (sends) and whose stream flushes on every write, as Kestrel's.</summary>
    private sealed class KestrelLikeResponse : PipeWriter, IHttpResponseBodyFeature
    {
        private readonly Pipe _pipe = new(new PipeOptions(pauseWriterThreshold: 0));
        private readonly Stream _stream;

        public KestrelLikeResponse() => _stream = AsStream(leaveOpen: true);

        public int Sends { get; private set; }

        public Stream Stream => _stream;

        public PipeWriter Writer => this;

        public HttpContext Context()
        {
            var context = new DefaultHttpContext();
            context.Request.Method = HttpMethods.Post;
            context.Features.Set<IHttpResponseBodyFeature>(this);
            return context;
        }

        public async Task<byte[]> SentAsync()
        {
            await _pipe.Writer.CompleteAsync();
            using var all = new MemoryStream();
            await _pipe.Reader.CopyToAsync(all);
            return all.ToArray();
        }

        public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default)
        {
            Sends++;
            return _pipe.Writer.FlushAsync(cancellationToken);
        }

        public override void Advance(int bytes) => _pipe.Writer.Advance(bytes);

        public override Memory<byte> GetMemory(int sizeHint = 0) => _pipe.Writer.GetMemory(sizeHint);

        public override Span<byte> GetSpan(int sizeHint = 0) => _pipe.Writer.GetSpan(sizeHint);

        public override void CancelPendingFlush() => _pipe.Writer.CancelPendingFlush();

        public override void Complete(Exception? exception = null)
        {
        }

        public void DisableBuffering()
        {
        }

        public Task StartAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

        public Task SendFileAsync(string path, long offset, long? count, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task CompleteAsync() => Task.CompletedTask;
    }
}
