using System.Diagnostics;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace ChannelBridge.LinnworksSimulator.Simulation;

/// <summary>
/// Measures what strangers holding request bodies do to a seller's Linnworks calls (ADR-026). Each of
/// <c>connections</c> strangers sends an Orders body of about 2 MB with a made-up token, all of it but its last byte:
/// sent that fast, its average rate stays above the service's minimum for minutes, so the body is held without a
/// trickle. After a refusal (the bodies held are full) a stranger sends a body of half the size, filling what is left.
/// Meanwhile the seller (<c>token</c>, an integration linked to a demo store) sends an Orders call and an InventoryUpdate
/// of <c>skus</c> of the demo store's SKUs (the first ones, as the demo names them) every half second, each update a write. Loopback only: it floods the service.
/// </summary>
public static class HeldBodiesRunner
{
    private const int FirstBodyBytes = 2_015_233;
    private const int SmallestBodyBytes = 16_385;

    /// <summary>The seller's calls, how many were answered with an <c>Error</c> (the call's or an item's) and the slowest; the strangers' bodies refused.</summary>
    public sealed record HeldBodiesResult(int Connections, double Seconds, int SellerCalls, int SellerErrors, string? FirstSellerError, double SellerSlowestMs, int StrangerBodiesRefused);

    public static async Task<HeldBodiesResult> RunAsync(HttpClient http, Uri baseUrl, string token, int connections, TimeSpan duration, int skus, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(connections, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(skus, 1);
        if (!baseUrl.IsLoopback)
        {
            throw new InvalidOperationException($"Held-bodies mode only runs against loopback (127.0.0.1, localhost); {baseUrl.Host} is not.");
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        stop.CancelAfter(duration);
        var refused = 0;
        var strangers = Enumerable.Range(0, connections).Select(i => Task.Run(async () =>
        {
            for (var size = FirstBodyBytes; !stop.IsCancellationRequested;)
            {
                if (await HoldBodyAsync(baseUrl, $"made-up-{i}-{Guid.NewGuid():N}", size, stop.Token))
                {
                    Interlocked.Increment(ref refused);
                    size = Math.Max(SmallestBodyBytes, size / 2);
                    await Task.Delay(200, CancellationToken.None);
                }
            }
        })).ToList();

        var clock = Stopwatch.StartNew();
        var seller = await SellerAsync(http, baseUrl, token, skus, stop.Token);
        await Task.WhenAll(strangers);
        return new HeldBodiesResult(connections, clock.Elapsed.TotalSeconds, seller.Calls, seller.Errors, seller.FirstError, seller.SlowestMs, refused);
    }

    /// <summary>
    /// Sends a body of <paramref name="size"/> bytes but its last, and holds it until <paramref name="stop"/>: whether
    /// the service answered (refused) it first.
    /// </summary>
    private static async Task<bool> HoldBodyAsync(Uri baseUrl, string madeUpToken, int size, CancellationToken stop)
    {
        var json = $$"""{"AuthorizationToken":"{{madeUpToken}}","UTCTimeFrom":"2020-01-01T00:00:00Z","PageNumber":1}""";
        var body = Encoding.UTF8.GetBytes(json.PadRight(size));
        using var client = new TcpClient { NoDelay = true };
        try
        {
            await client.ConnectAsync(baseUrl.Host, baseUrl.Port, stop);
            var stream = client.GetStream();
            await stream.WriteAsync(Encoding.ASCII.GetBytes($"POST {baseUrl.AbsolutePath}api/Order/Orders HTTP/1.1\r\nHost: {baseUrl.Authority}\r\nContent-Type: application/json\r\nContent-Length: {size}\r\n\r\n"), stop);
            for (var sent = 0; sent < size - 1 && !stream.DataAvailable; sent += 64 * 1024)
            {
                await stream.WriteAsync(body.AsMemory(sent, Math.Min(64 * 1024, size - 1 - sent)), stop);
            }

            while (!stream.DataAvailable)
            {
                await Task.Delay(200, stop);
            }

            return true;
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or SocketException)
        {
            return !stop.IsCancellationRequested;   // cut off by the service, not by the end of the run
        }
    }

    private sealed record SellerCalls(int Calls, int Errors, string? FirstError, double SlowestMs);

    /// <summary>After three seconds for the strangers to fill what they can, the seller's calls every half second until <paramref name="stop"/>.</summary>
    private static async Task<SellerCalls> SellerAsync(HttpClient http, Uri baseUrl, string token, int skus, CancellationToken stop)
    {
        var (calls, errors, slowest) = (0, 0, 0.0);
        string? firstError = null;
        var orders = new { AuthorizationToken = token, UTCTimeFrom = "2020-01-01T00:00:00Z", PageNumber = 1 };
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(3), stop);
            for (var round = 0; ; round++)
            {
                // New quantities each round: an update the listings already have is answered without a write.
                var stock = new { AuthorizationToken = token, Products = Enumerable.Range(1, skus).Select(i => new { SKU = Demo.Sku(i), Quantity = (i + round) % 7 }).ToArray() };
                foreach (var (path, body) in new (string, object)[] { ("api/Order/Orders", orders), ("api/Product/InventoryUpdate", stock) })
                {
                    var started = Stopwatch.GetTimestamp();
                    using var response = await http.PostAsJsonAsync(new Uri(baseUrl, path), body, CancellationToken.None);
                    var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync(CancellationToken.None));
                    var error = answer?["Error"]?.GetValue<string>()
                        ?? (answer?["Products"] as JsonArray)?.Select(p => p?["Error"]?.GetValue<string>()).FirstOrDefault(e => e is not null);
                    slowest = Math.Max(slowest, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    calls++;
                    if (error is not null || !response.IsSuccessStatusCode)
                    {
                        errors++;
                        firstError ??= error ?? $"HTTP {(int)response.StatusCode}";
                    }
                }

                await Task.Delay(500, stop);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return new SellerCalls(calls, errors, firstError, slowest);
        }
    }
}
