using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChannelBridge.LinnworksSimulator.Contract;

namespace ChannelBridge.LinnworksSimulator.Simulation;

/// <summary>
/// Calls an integration's endpoints as Linnworks does (POST JSON) and checks the transport rules on
/// every answer: HTTP 200, an exact Content-Length, no chunking, JSON with an Error property, within 10 s.
/// </summary>
public sealed class LinnworksClient(HttpClient http, Manifest manifest, Report report)
{
    public static readonly TimeSpan LinnworksTimeout = TimeSpan.FromSeconds(10);

    public Report Report => report;

    /// <summary>Paces this client's calls (load mode: stay under the service's per-integration rate limit), or null.</summary>
    public System.Threading.RateLimiting.RateLimiter? Pacer { get; set; }

    public bool Has(string endpoint) => manifest.Endpoint(endpoint) is not null;

    /// <summary>The answer as a JSON object, or null if the call broke a transport rule (recorded in the report).</summary>
    public async Task<JsonObject?> PostAsync(string endpoint, object body, CancellationToken cancellationToken)
    {
        using var answer = await SendAsync(endpoint, body, cancellationToken);
        if (answer is null)
        {
            return null;
        }

        JsonObject? json = null;
        try
        {
            json = JsonNode.Parse(answer.Body.Span) as JsonObject;
        }
        catch (JsonException)
        {
        }

        return CheckBody(endpoint, body, answer, json is not null, json is not null && json.ContainsKey("Error")) ? json : null;
    }

    /// <summary>
    /// An answer read where it lies (a page: no copy of it as a tree of nodes), with the same checks as
    /// <see cref="PostAsync"/>; <paramref name="read"/> sees the root object. Default when a transport rule was broken.
    /// </summary>
    public async Task<T?> PostPageAsync<T>(string endpoint, object body, Func<JsonElement, T> read, CancellationToken cancellationToken)
    {
        using var answer = await SendAsync(endpoint, body, cancellationToken);
        if (answer is null)
        {
            return default;
        }

        JsonDocument? document = null;
        try
        {
            document = JsonDocument.Parse(answer.Body);
        }
        catch (JsonException)
        {
        }

        using (document)
        {
            var isObject = document?.RootElement.ValueKind == JsonValueKind.Object;
            return CheckBody(endpoint, body, answer, isObject, isObject && document!.RootElement.TryGetProperty("Error", out _))
                ? read(document!.RootElement)
                : default;
        }
    }

    /// <summary>The checks on the body: a JSON object with Error, readable by Linnworks' types, every item answered. True if all held.</summary>
    private bool CheckBody(string endpoint, object body, Answer answer, bool isObject, bool hasError)
    {
        report.Check(endpoint, "JSON object body", isObject, $"Not a JSON object: {Shorten(answer.Body.Span)}");
        if (!isObject)
        {
            return false;
        }

        report.Check(endpoint, "has Error property", hasError, "The BaseResponse property 'Error' is missing (null when fine).");
        var typed = TypedContract.Read(report, endpoint, answer.Body);
        if (TypedContract.IsItemized(endpoint))
        {
            TypedContract.EveryItemAnswered(report, endpoint, JsonSerializer.SerializeToNode(body), typed);
        }

        return answer.StatusCode == 200;
    }

    /// <summary>The service's own time from a W3C Server-Timing header's <c>app;dur=</c> entry (ChannelBridge's Api:ServerTiming), or null.</summary>
    internal static double? ServerTime(HttpResponseMessage response) => ServerTiming(response, "app");

    /// <summary>
    /// The duration (ms) of a W3C Server-Timing header's <paramref name="name"/> entry, or null: <c>app</c> the service's
    /// own time from arrival to its answer, <c>turn</c> the part of it before the call's turn.
    /// </summary>
    internal static double? ServerTiming(HttpResponseMessage response, string name)
    {
        if (!response.Headers.TryGetValues("Server-Timing", out var values))
        {
            return null;
        }

        foreach (var metric in values.SelectMany(v => v.Split(',')))
        {
            var parts = metric.Split(';', StringSplitOptions.TrimEntries);
            if (parts[0] == name && parts.Skip(1).FirstOrDefault(p => p.StartsWith("dur=", StringComparison.Ordinal)) is { } duration &&
                double.TryParse(duration[4..], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var ms) && ms >= 0)
            {
                return ms;
            }
        }

        return null;
    }

    /// <summary>Posts and reads the answer into a pooled buffer, checking the transport rules; null if there was no answer.</summary>
    private async Task<Answer?> SendAsync(string endpoint, object body, CancellationToken cancellationToken)
    {
        var url = manifest.Endpoint(endpoint);
        if (url is null)
        {
            report.Check(endpoint, "endpoint is in the manifest", false, $"The manifest has no {endpoint}Endpoint.");
            return null;
        }

        if (Pacer is not null)
        {
            using var permit = await Pacer.AcquireAsync(1, cancellationToken);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(LinnworksTimeout);
        var clock = Stopwatch.StartNew();
        Answer answer;
        long? length;
        bool chunked;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body) };
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            length = response.Content.Headers.ContentLength;
            chunked = response.Headers.TransferEncodingChunked == true;
            if (ServerTime(response) is { } serverMs)
            {
                report.ServerLatency(endpoint, serverMs);
            }

            await using var stream = await response.Content.ReadAsStreamAsync(timeout.Token);
            answer = await Answer.ReadAsync((int)response.StatusCode, stream, length, timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            report.Check(endpoint, "answers within 10 s", false, $"No answer from {url} within {LinnworksTimeout.TotalSeconds:F0} s: Linnworks drops the connection.");
            return null;
        }
        catch (HttpRequestException ex)
        {
            report.Check(endpoint, "answers at all", false, $"{url}: {ex.Message}");
            return null;
        }

        clock.Stop();
        report.Latency(endpoint, clock.Elapsed.TotalMilliseconds);
        report.Check(endpoint, "answers within 10 s", clock.Elapsed < LinnworksTimeout, $"Took {clock.Elapsed.TotalSeconds:F1} s.");
        report.Check(endpoint, "HTTP 200", answer.StatusCode == 200,
            $"Got HTTP {answer.StatusCode}: Linnworks expects 200 with Error set; other statuses are transport failures. Body: {Shorten(answer.Body.Span)}");
        report.Check(endpoint, "not chunked", !chunked, "Transfer-Encoding: chunked; Linnworks needs a Content-Length.");
        report.Check(endpoint, "exact Content-Length", length == answer.Body.Length,
            length is null ? "No Content-Length header." : $"Content-Length {length} but the body has {answer.Body.Length} bytes.");
        return answer;
    }

    private static string Shorten(ReadOnlySpan<byte> bytes)
    {
        var text = Encoding.UTF8.GetString(bytes);
        return text.Length <= 200 ? text : text[..200] + "…";
    }

    /// <summary>
    /// An answer's status and body, the body in a buffer rented from the shared pool (an Orders page is about 165 KB:
    /// a new array per answer would be a large-object-heap allocation, and the simulator's collections would be
    /// part of what load mode measures). Returned on dispose.
    /// </summary>
    private sealed class Answer : IDisposable
    {
        private byte[]? _buffer;

        private Answer(int statusCode, byte[] buffer, int length)
        {
            StatusCode = statusCode;
            _buffer = buffer;
            Body = buffer.AsMemory(0, length);
        }

        public int StatusCode { get; }

        public ReadOnlyMemory<byte> Body { get; }

        /// <summary>Reads to the end of <paramref name="stream"/>, whatever Content-Length said (the check compares them).</summary>
        public static async Task<Answer> ReadAsync(int statusCode, Stream stream, long? contentLength, CancellationToken cancellationToken)
        {
            var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent((int)Math.Clamp(contentLength ?? 0, 0, 64 * 1024 * 1024) + 1);
            var length = 0;
            try
            {
                int read;
                while ((read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken)) > 0)
                {
                    length += read;
                    if (length == buffer.Length)
                    {
                        var larger = System.Buffers.ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                        buffer.AsSpan(0, length).CopyTo(larger);
                        System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
                        buffer = larger;
                    }
                }

                return new Answer(statusCode, buffer, length);
            }
            catch
            {
                System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
                throw;
            }
        }

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _buffer, null) is { } buffer)
            {
                System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }
}
