using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChannelBridge.LinnworksSimulator.Simulation;

/// <summary>
/// Measures order ingest through the Channel API from an outside client: a new store, then
/// <c>orders</c> orders posted in batches of 500 with 3 lines each by <c>clients</c> concurrent HTTP clients.
/// Bodies are built before the clock starts, so the figure is the service's, not the client's JSON writer.
/// Loopback only, like the load mode: it creates a store and floods it.
/// </summary>
public static class IngestRunner
{
    public const int BatchSize = 500;
    public const int LinesPerOrder = 3;

    /// <summary>
    /// The first pass (every order Created) and, when asked for, the same batches sent again (every order Unchanged; 0
    /// otherwise). <see cref="BatchBeforeTurnP50Ms"/>: the first pass's p50 of the service's own time before a batch's turn
    /// (its Server-Timing <c>turn;dur</c>: the body read and the wait in the queue), or null when the service sends none.
    /// </summary>
    public sealed record IngestResult(
        string StoreId, int Orders, int Created, int Batches, int Clients, double Seconds, double OrdersPerSecond, double BatchP50Ms, double BatchP99Ms,
        double ResendOrdersPerSecond, double ResendBatchP50Ms, double ResendBatchP99Ms, double? BatchBeforeTurnP50Ms = null);

    public static async Task<IngestResult> RunAsync(
        HttpClient http, Uri baseUrl, string operatorKey, int orders, int clients, CancellationToken cancellationToken, IngestShape shape = IngestShape.Full, bool resend = false)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(orders, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(clients, 1);
        if (!baseUrl.IsLoopback)
        {
            throw new InvalidOperationException($"Ingest mode only runs against loopback (127.0.0.1, localhost); {baseUrl.Host} is not.");
        }

        using var create = new HttpRequestMessage(HttpMethod.Post, new Uri(baseUrl, "api/channel/v1/stores"))
        {
            Content = JsonContent.Create(new { Name = "Ingest benchmark " + DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture) }),
        };
        create.Headers.Authorization = new AuthenticationHeaderValue("Bearer", operatorKey);
        using var created = await http.SendAsync(create, cancellationToken);
        var store = JsonNode.Parse(await created.Content.ReadAsStringAsync(cancellationToken))!.AsObject();
        if (!created.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Creating the store: HTTP {(int)created.StatusCode} {store.ToJsonString()}");
        }

        var storeId = store["StoreId"]!.GetValue<string>();
        var storeKey = store["StoreKey"]!.GetValue<string>();
        var received = DateTime.UtcNow.AddHours(-1);
        var bodies = Enumerable.Range(0, orders).Chunk(BatchSize)
            .Select(batch => JsonSerializer.SerializeToUtf8Bytes(new { Orders = batch.Select(i => shape == IngestShape.Full ? FullOrder(i, received) : LightOrder(i, received)) }))
            .ToArray();

        var first = await PostAllAsync(http, baseUrl, storeId, storeKey, bodies, orders, clients, "Created", cancellationToken);
        var again = resend ? await PostAllAsync(http, baseUrl, storeId, storeKey, bodies, orders, clients, "Unchanged", cancellationToken) : null;
        return new IngestResult(
            storeId, orders, first.Answered, bodies.Length, clients, first.Seconds, orders / first.Seconds, first.P50, first.P99,
            again is null ? 0 : orders / again.Seconds, again?.P50 ?? 0, again?.P99 ?? 0, first.BeforeTurnP50);
    }

    private sealed record Pass(int Answered, double Seconds, double P50, double P99, double? BeforeTurnP50);

    /// <summary>Every batch posted once by <paramref name="clients"/> clients; every order must come back <paramref name="expected"/>.</summary>
    private static async Task<Pass> PostAllAsync(
        HttpClient http, Uri baseUrl, string storeId, string storeKey, byte[][] bodies, int orders, int clients, string expected, CancellationToken cancellationToken)
    {
        var next = -1;
        var answered = 0;
        var batchTimes = new double[bodies.Length];
        var beforeTurn = new double?[bodies.Length];
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Math.Min(clients, bodies.Length)).Select(async _ =>
        {
            for (var b = Interlocked.Increment(ref next); b < bodies.Length; b = Interlocked.Increment(ref next))
            {
                var started = Stopwatch.GetTimestamp();
                using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(baseUrl, $"api/channel/v1/stores/{storeId}/orders"))
                {
                    Content = new ByteArrayContent(bodies[b]) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
                };
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", storeKey);
                using var response = await http.SendAsync(request, cancellationToken);
                if (!response.IsSuccessStatusCode)
                {
                    throw new InvalidOperationException($"Batch {b}: HTTP {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
                }

                batchTimes[b] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                beforeTurn[b] = LinnworksClient.ServerTiming(response, "turn");

                // Every order of a new store must come back Created, and Unchanged when sent again: a benchmark of
                // rejected orders measures nothing.
                var results = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken))!["Results"]!.AsArray();
                var other = results.FirstOrDefault(r => r?["Status"]?.GetValue<string>() != expected);
                if (results.Count != Math.Min(BatchSize, orders - (b * BatchSize)) || other is not null)
                {
                    throw new InvalidOperationException($"Batch {b}: {results.Count} results, first not {expected}: {other?.ToJsonString()}");
                }

                Interlocked.Add(ref answered, results.Count);
            }
        }));
        clock.Stop();

        Array.Sort(batchTimes);
        var turns = beforeTurn.OfType<double>().Order().ToArray();
        return new Pass(
            answered, clock.Elapsed.TotalSeconds, Report.Percentile(batchTimes, 0.50), Report.Percentile(batchTimes, 0.99), turns.Length > 0 ? Report.Percentile(turns, 0.50) : null);
    }

    /// <summary>One address, three plain lines, nothing else: the least a platform sends.</summary>
    public static object LightOrder(int i, DateTime received) => new
    {
        ReferenceNumber = "ING-" + i.ToString("D8", CultureInfo.InvariantCulture),
        Currency = "GBP",
        PaymentStatus = "PAID",
        ReceivedDate = received.AddMilliseconds(i),
        PaidOn = received.AddMilliseconds(i),
        PostalServiceCost = 3.99m,
        DeliveryAddress = new { FullName = "Buyer " + i, Address1 = i + " High Street", Town = "Leeds", PostCode = "LS1 1AA", Country = "United Kingdom", CountryCode = "GB" },
        OrderItems = Enumerable.Range(1, LinesPerOrder).Select(line => new
        {
            OrderLineNumber = line.ToString(CultureInfo.InvariantCulture),
            SKU = "SKU-" + ((i * LinesPerOrder) + line) % 10_000,
            ItemTitle = "Item " + line,
            Qty = line,
            PricePerUnit = 9.99m + line,
            TaxRate = 20,
        }),
    };

    /// <summary>
    /// An order as a real marketplace sends it, about 2 KB: billing and delivery addresses, three lines with options,
    /// a note, an extended property, tags and tax fields.
    /// </summary>
    public static object FullOrder(int i, DateTime received)
    {
        var address = new
        {
            FullName = "Buyer Number " + i,
            Company = "Company " + (i % 97),
            Address1 = i + " High Street",
            Address2 = "Flat " + (i % 40),
            Address3 = "Little Woodhouse",
            Town = "Leeds",
            Region = "West Yorkshire",
            PostCode = "LS1 1AA",
            Country = "United Kingdom",
            CountryCode = "GB",
            PhoneNumber = "+44 113 496 " + (i % 10_000).ToString("D4", CultureInfo.InvariantCulture),
            EmailAddress = "buyer" + i + "@example.com",
        };
        return new
        {
            ReferenceNumber = "ING-" + i.ToString("D8", CultureInfo.InvariantCulture),
            ExternalReference = "PAY-" + i.ToString("D10", CultureInfo.InvariantCulture),
            SecondaryReferenceNumber = "SEC-" + i,
            ChannelBuyerName = "buyer_" + i,
            Site = "UK",
            Currency = "GBP",
            PaymentStatus = "PAID",
            ReceivedDate = received.AddMilliseconds(i),
            PaidOn = received.AddMilliseconds(i + 60_000),
            DispatchBy = received.AddDays(2),
            MatchPostalServiceTag = "RM24",
            MatchPaymentMethodTag = "card",
            PostalServiceCost = 3.99m,
            PostalServiceTaxRate = 20,
            UseChannelTax = true,
            DiscountType = "AllEvenly",
            Discount = 1.5m,
            MarketplaceTaxId = "GB123456789",
            MarketplaceIoss = "IM2760000000",
            BuyerTaxNumber = "GB987654321",
            BillingAddress = address,
            DeliveryAddress = address with { FullName = "Recipient Number " + i },
            OrderItems = Enumerable.Range(1, LinesPerOrder).Select(line => new
            {
                OrderLineNumber = line.ToString(CultureInfo.InvariantCulture),
                SKU = "SKU-" + ((i * LinesPerOrder) + line) % 10_000,
                ItemTitle = "Stoneware mug, hand glazed, 350 ml — colour " + line,
                Qty = line,
                PricePerUnit = 9.99m + line,
                TaxRate = 20,
                TaxCostInclusive = true,
                UseChannelTax = true,
                LinePercentDiscount = 5,
                Options = new[] { new { Name = "Colour", Value = "Blue " + line }, new { Name = "Engraving", Value = "For J from " + i } },
            }),
            ExtendedProperties = new[] { new { Name = "GiftMessage", Value = "Happy birthday, with love from all of us " + i, Type = "Info" } },
            Notes = new[] { new { Note = "Please leave with the neighbour at number 12 if nobody is in.", NoteEntryDate = received, NoteUserName = "buyer", IsInternal = false } },
        };
    }
}

/// <summary>What each ingested order carries: <see cref="Full"/> as a real marketplace sends it, <see cref="Light"/> the least.</summary>
public enum IngestShape
{
    Full,
    Light,
}
