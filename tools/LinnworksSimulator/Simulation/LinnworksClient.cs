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
        HttpResponseMessage response;
        byte[] bytes;
        try
        {
            response = await http.PostAsJsonAsync(url, body, timeout.Token);
            bytes = await response.Content.ReadAsByteArrayAsync(timeout.Token);
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
        using (response)
        {
            report.Check(endpoint, "answers within 10 s", clock.Elapsed < LinnworksTimeout, $"Took {clock.Elapsed.TotalSeconds:F1} s.");
            report.Check(endpoint, "HTTP 200", (int)response.StatusCode == 200,
                $"Got HTTP {(int)response.StatusCode}: Linnworks expects 200 with Error set; other statuses are transport failures. Body: {Shorten(bytes)}");
            report.Check(endpoint, "not chunked", response.Headers.TransferEncodingChunked != true, "Transfer-Encoding: chunked; Linnworks needs a Content-Length.");
            var length = response.Content.Headers.ContentLength;
            report.Check(endpoint, "exact Content-Length", length == bytes.Length,
                length is null ? "No Content-Length header." : $"Content-Length {length} but the body has {bytes.Length} bytes.");

            JsonObject? json = null;
            try
            {
                json = JsonNode.Parse(bytes) as JsonObject;
            }
            catch (JsonException)
            {
            }

            report.Check(endpoint, "JSON object body", json is not null, $"Not a JSON object: {Shorten(bytes)}");
            if (json is null)
            {
                return null;
            }

            report.Check(endpoint, "has Error property", json.ContainsKey("Error"), "The BaseResponse property 'Error' is missing (null when fine).");
            var typed = TypedContract.Read(report, endpoint, bytes);
            if (TypedContract.IsItemized(endpoint))
            {
                TypedContract.EveryItemAnswered(report, endpoint, JsonSerializer.SerializeToNode(body), typed);
            }
            return (int)response.StatusCode == 200 ? json : null;
        }
    }

    private static string Shorten(byte[] bytes)
    {
        var text = Encoding.UTF8.GetString(bytes);
        return text.Length <= 200 ? text : text[..200] + "…";
    }
}
