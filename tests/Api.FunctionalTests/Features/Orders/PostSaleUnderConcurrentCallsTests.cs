using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using static ChannelBridge.Api.FunctionalTests.Features.Orders.OrderBuilder;

namespace ChannelBridge.Api.FunctionalTests.Features.Orders;

/// <summary>
/// Despatches and cancellations from several Linnworks calls at once, some sent twice (a retry, at once or after the
/// answer), while the platform pushes the same orders again changed. Each call's reads of its orders happen before its write, so calls meet
/// each other's and the platform's changes (the paths of ADR-032 and ADR-037) as in production, not by injection. What
/// the sellers' businesses need of it: every despatch answered as recorded is on the platform's feed once, one answered
/// "retry" is not there unless a send of it was recorded, no report is lost to a platform's change or a platform's change
/// to a report, and an order leaves the downloads exactly when its lines are despatched or cancelled in full, with at least
/// one unit despatched (one cancelled in full stays, as ChannelOrder decides).
/// </summary>
public abstract class PostSaleUnderConcurrentCallsContract(ApiFactory factory)
{
    private const int Orders = 16;
    private const int LinnworksCallers = 3;
    private const int CallsEach = 12;

    // The quantities of OrderBuilder.Order's three lines.
    private static readonly Dictionary<string, int> Ordered = new(StringComparer.Ordinal) { ["1"] = 2, ["2"] = 1, ["3"] = 3 };

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task ReportsFromCallsAtOnce_WithRetries_AndThePlatformsChanges_AreEachRecordedOnce_AndNoneIsLost(int seed)
    {
        var (token, storeId, key) = await factory.Integrate();
        var store = factory.ChannelClient(key);
        await store.Push(storeId, [.. Enumerable.Range(0, Orders).Select(i => Order(Reference(i)))]);
        var reports = new ConcurrentDictionary<string, Report>(StringComparer.Ordinal);
        var lastPushed = new Dictionary<string, decimal>(StringComparer.Ordinal);

        await Task.WhenAll([
            .. Enumerable.Range(0, LinnworksCallers).Select(caller => DespatchAsync(new Random(seed * 100 + caller), caller, token, reports)),
            CancelAsync(new Random(seed * 100 + LinnworksCallers), token, reports),
            PushChangesAsync(new Random(seed), storeId, store, lastPushed)]);

        var recorded = reports.Values.Where(r => r.Answers.Any(a => a.Error is null)).ToList();
        reports.Values.SelectMany(r => r.Answers).Where(a => a.Error is not null && !a.Retry)
            .Should().BeEmpty("every order is known, and over-despatch is recorded, not refused");
        var feed = await FeedAsync(store, storeId);
        feed.Should().OnlyHaveUniqueItems("a report sent twice is recorded once");
        feed.Should().BeEquivalentTo(recorded.Select(r => r.Id), "a report answered as recorded is on the feed, and one answered retry only if a send of it was recorded");

        int Units(string reference, string line, bool cancel) => recorded.Count(r => (r.Reference, r.Line, r.Cancel) == (reference, line, cancel));
        var open = Enumerable.Range(0, Orders).Select(Reference).Where(o =>
            Ordered.All(line => Units(o, line.Key, cancel: true) >= line.Value)
            || Ordered.Any(line => Units(o, line.Key, cancel: false) + Units(o, line.Key, cancel: true) < line.Value)).ToHashSet(StringComparer.Ordinal);
        var downloaded = await DownloadedAsync(token);
        downloaded.Keys.Should().BeEquivalentTo(open, "an order leaves the downloads once every line is despatched in full, not before");
        foreach (var (reference, cost) in downloaded)
        {
            cost.Should().Be(lastPushed.GetValueOrDefault(reference, 3.99m), "{0} keeps the platform's last change through the despatches recorded on it", reference);
        }
    }

    private static string Reference(int i) => $"PC-{i:D2}";

    /// <summary>One Linnworks caller's calls: each despatches one line of a few orders, and is sometimes sent again.</summary>
    private async Task DespatchAsync(Random random, int caller, string token, ConcurrentDictionary<string, Report> reports)
    {
        var linnworks = factory.Client();
        for (var call = 0; call < CallsEach; call++)
        {
            var sent = Enumerable.Range(0, random.Next(1, 7))
                .Select(k => new Report($"T{caller}-{call}-{k}", Reference(random.Next(Orders)), random.Next(1, 4).ToString(System.Globalization.CultureInfo.InvariantCulture)))
                .ToList();
            var body = new
            {
                AuthorizationToken = token,
                Orders = sent.Select(r => new
                {
                    ReferenceNumber = r.Reference, ShippingVendor = "Royal Mail", ShippingMethod = "Tracked 48", TrackingNumber = r.Id, ProcessedOn = "2026-12-01T09:00:00Z",
                    Items = new[] { new { OrderLineNumber = r.Line, SKU = "SKU", DespatchedQuantity = 1 } },
                }).ToArray(),
            };
            var sends = random.Next(4) switch
            {
                0 => 2, // Linnworks timed out and sends the call again while the first is under way
                1 => -2, // sent again after its answer
                _ => 1,
            };
            var answers = sends == 2
                ? await Task.WhenAll(SendAsync(linnworks, body), SendAsync(linnworks, body))
                : sends == -2 ? [await SendAsync(linnworks, body), await SendAsync(linnworks, body)] : [await SendAsync(linnworks, body)];
            foreach (var report in sent)
            {
                reports[report.Id] = report;
            }

            foreach (var answer in answers.SelectMany(a => a))
            {
                reports[answer.Id].Answers.Add(answer);
            }
        }
    }

    /// <summary>A Linnworks caller's cancellations, one unit of one line each (Cancel takes one order a call), some sent twice.</summary>
    private async Task CancelAsync(Random random, string token, ConcurrentDictionary<string, Report> reports)
    {
        var linnworks = factory.Client();
        for (var call = 0; call < CallsEach * 2; call++)
        {
            var report = new Report($"C-{call}", Reference(random.Next(Orders)), random.Next(1, 4).ToString(System.Globalization.CultureInfo.InvariantCulture), Cancel: true);
            reports[report.Id] = report;
            var body = new
            {
                AuthorizationToken = token,
                Cancellation = new { ReferenceNumber = report.Reference, Items = new[] { new { SKU = "SKU", OrderLineNumber = report.Line, CancellationQuantity = 1, Reason = report.Id } } },
            };
            async Task<Answer> SendAsync()
            {
                var (_, answer) = await linnworks.PostJson("/api/Order/Cancel", body);
                var error = answer["Error"]?.GetValue<string>();
                return new Answer(report.Id, error, error?.Contains("retry", StringComparison.OrdinalIgnoreCase) == true);
            }

            var answers = random.Next(3) == 0 ? await Task.WhenAll(SendAsync(), SendAsync()) : [await SendAsync()];
            answers.ToList().ForEach(report.Answers.Add);
        }
    }

    private static async Task<List<Answer>> SendAsync(HttpClient linnworks, object body)
    {
        var (_, answer) = await linnworks.PostJson("/api/Order/Despatch", body);
        answer["Error"].Should().BeNull();
        var sent = JsonSerializer.SerializeToNode(body)!["Orders"]!.AsArray();
        var orders = answer["Orders"]!.AsArray();
        orders.Should().HaveCount(sent.Count, "every order sent is answered");
        return [.. orders.Select((o, i) => new Answer(
            sent[i]!["TrackingNumber"]!.GetValue<string>(), o!["Error"]?.GetValue<string>(), o["Retry"]!.GetValue<bool>()))];
    }

    /// <summary>The platform pushes a few orders again with a new postage cost, one push after another's answer.</summary>
    private static async Task PushChangesAsync(Random random, string storeId, HttpClient store, Dictionary<string, decimal> lastPushed)
    {
        for (var push = 0; push < 12; push++)
        {
            var changed = Enumerable.Range(0, random.Next(1, 5)).Select(_ => Reference(random.Next(Orders))).Distinct().ToList();
            var cost = 4m + push;
            var answer = await store.Push(storeId, [.. changed.Select(reference => OrderWithPostage(reference, cost))]);
            answer["Results"]!.AsArray().Select(r => r!["Status"]!.GetValue<string>()).Should().AllBe("Updated");
            changed.ForEach(reference => lastPushed[reference] = cost);
        }
    }

    private static async Task<List<string>> FeedAsync(HttpClient store, string storeId)
    {
        var body = await store.GetFromJsonAsync<JsonObject>($"/api/channel/v1/stores/{storeId}/updates?limit=1000");
        return [.. body!["Updates"]!.AsArray().Select(u => u!["Type"]!.GetValue<string>() == "Cancel"
            ? u["Payload"]!["Items"]![0]!["Reason"]!.GetValue<string>()
            : u["Payload"]!["TrackingNumber"]!.GetValue<string>())];
    }

    /// <summary>The orders Linnworks downloads now, with each one's postage cost.</summary>
    private async Task<Dictionary<string, decimal>> DownloadedAsync(string token)
    {
        var (_, body) = await factory.Client().PostJson("/api/Order/Orders", new { AuthorizationToken = token, UTCTimeFrom = "2020-01-01T00:00:00Z", PageNumber = 1 });
        body["HasMorePages"]!.GetValue<bool>().Should().BeFalse();
        return body["Orders"]!.AsArray().ToDictionary(o => o!["ReferenceNumber"]!.GetValue<string>(), o => o!["PostalServiceCost"]!.GetValue<decimal>(), StringComparer.Ordinal);
    }

    /// <summary>One report: a despatch (its tracking number is its id) or a cancellation (its reason is).</summary>
    private sealed record Report(string Id, string Reference, string Line, bool Cancel = false)
    {
        public ConcurrentBag<Answer> Answers { get; } = [];
    }

    private sealed record Answer(string Id, string? Error, bool Retry);
}

/// <summary>The service as it runs on SQLite.</summary>
public sealed class PostSaleUnderConcurrentCallsTests(ApiFactory factory) : PostSaleUnderConcurrentCallsContract(factory), IClassFixture<ApiFactory>;

/// <summary>The same with the service's writes sent in batches, as on SQL Server (ADR-045, <see cref="BatchingApiFactory"/>).</summary>
public sealed class PostSaleUnderConcurrentCallsWithBatchesTests(BatchingApiFactory factory) : PostSaleUnderConcurrentCallsContract(factory), IClassFixture<BatchingApiFactory>;
