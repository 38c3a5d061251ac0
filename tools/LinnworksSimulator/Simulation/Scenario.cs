using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChannelBridge.LinnworksSimulator.Contract;

namespace ChannelBridge.LinnworksSimulator.Simulation;

public sealed class ScenarioOptions
{
    /// <summary>Wizard answers by ConfigItemId.</summary>
    public IReadOnlyDictionary<string, string> Answers { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// Load mode: the answers of every store the sellers integrate with, seller i with set i mod their number (the first is
    /// <see cref="Answers"/>). Sellers are stores of their own in production; those of one store share its turns (ADR-043).
    /// </summary>
    public IReadOnlyList<IReadOnlyDictionary<string, string>> AnswerSets { get; init; } = [];

    /// <summary>Asks for a value the answers do not hold (interactive mode); null to fail instead.</summary>
    public Func<JsonObject, string?>? Prompt { get; init; }

    public DateTime OrdersSinceUtc { get; init; } = DateTime.UtcNow.AddDays(-30);

    public bool Despatch { get; init; } = true;

    public bool SplitDespatch { get; init; }

    public bool PostSale { get; init; }

    public int DespatchBatchSize { get; init; } = 100;

    public int UpdateBatchSize { get; init; } = 1000;

    public int MaxPages { get; init; } = 20_000;

    /// <summary>Load mode: calls per minute per seller (0 = as fast as possible). The default stays under ChannelBridge's default limit of 600.</summary>
    public int CallsPerMinute { get; init; } = 500;

    /// <summary>A ChannelBridge's base URL: with the answers' StoreId and StoreKey, the listing flow also plays the platform.</summary>
    public Uri? PlatformBaseUrl { get; init; }

    public Action<string>? Progress { get; init; }
}

/// <summary>
/// One seller's life as Linnworks drives it: Integrate and walk the wizard, Test, download every order
/// and listing page, despatch, push stock and prices, optionally the post-sale calls — checking every
/// answer against the contract.
/// </summary>
public sealed class Scenario(LinnworksClient client, ScenarioOptions options)
{
    private readonly AnswerChecks _checks = new(client.Report, options.Answers);

    private Report Report => client.Report;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var token = await IntegrateAsync(cancellationToken);
        if (token is null)
        {
            return;
        }

        options.Progress?.Invoke("Integrated; testing the configuration");
        await TestAsync(token, cancellationToken);
        var orders = await PullOrdersAsync(token, cancellationToken);
        options.Progress?.Invoke($"Downloaded {orders.Count} orders");
        var again = await PullOrdersAsync(token, cancellationToken);
        Report.Check("Orders", "a second download returns the same set", Refs(orders).SetEquals(Refs(again)),
            $"First download {orders.Count} orders, second {again.Count}; nothing changed in between, so the pages skip or repeat orders.");

        if (options.PostSale && orders.Count >= 2)
        {
            await PostSaleAsync(token, orders[^1], orders[^2], cancellationToken);
        }

        if (options.Despatch && client.Has("Despatch"))
        {
            await DespatchAsync(token, options.PostSale && orders.Count >= 2 ? orders[..^2] : orders, cancellationToken);
            options.Progress?.Invoke("Despatched");
        }

        var products = await PullProductsAsync(token, cancellationToken);
        options.Progress?.Invoke($"Downloaded {products.Count} listings");
        await UpdateListingsAsync(token, products, cancellationToken);
        options.Progress?.Invoke("Sent inventory and price updates");

        await new ListingFlow(client, options).RunAsync(token, ct => PullProductsAsync(token, ct), cancellationToken);

        if (products.Count > 0 && orders.Count > 0)
        {
            await HostileBatchesAsync(token, Shape.Text(products[0], "SKU")!, Shape.Text(orders[0], "ReferenceNumber")!, cancellationToken);
            options.Progress?.Invoke("Sent hostile batches (null, mistyped and oversized items, a bad token)");
        }
    }

    /// <summary>AddNewUser, then UserConfig/SaveConfig until StepName is "UserConfig". Returns the token.</summary>
    public async Task<string?> IntegrateAsync(CancellationToken cancellationToken)
    {
        var added = await client.PostAsync("AddNewUser", new
        {
            LinnworksUniqueIdentifier = Guid.NewGuid().ToString(),
            Email = "simulator@example.com",
            AccountName = "Simulator " + Guid.NewGuid().ToString("N")[..6],
        }, cancellationToken);
        if (added is null)
        {
            return null;
        }

        var token = Shape.Text(added, "AuthorizationToken");
        Report.Check("AddNewUser", "returns an AuthorizationToken", Shape.Text(added, "Error") is null && !string.IsNullOrWhiteSpace(token),
            $"Error: {Shape.Text(added, "Error") ?? "(none)"}; AuthorizationToken: {token ?? "(none)"}");
        if (string.IsNullOrWhiteSpace(token))
        {
            return null;
        }

        var step = await client.PostAsync("UserConfig", new { AuthorizationToken = token }, cancellationToken);
        for (var round = 0; step is not null && round < 10; round++)
        {
            var items = _checks.WizardStep("UserConfig", step);
            var stepName = Shape.Text(step, "StepName");
            if (stepName == "UserConfig")
            {
                return token;
            }

            var answers = new List<object>();
            foreach (var item in items)
            {
                var id = Shape.Text(item, "ConfigItemId") ?? string.Empty;
                var value = options.Answers.TryGetValue(id, out var a) ? a : Shape.Text(item, "SelectedValue");
                if (string.IsNullOrEmpty(value) && item["MustBeSpecified"]?.GetValue<bool>() == true)
                {
                    value = options.Prompt?.Invoke(item);
                    Report.Check("SaveConfig", "every required wizard item has an answer", !string.IsNullOrEmpty(value),
                        $"No answer for required item '{id}' of step '{stepName}'. Put it in the answers file or use --interactive.");
                }

                var sent = item.DeepClone().AsObject();
                sent["SelectedValue"] = value ?? string.Empty;
                answers.Add(sent);
            }

            step = await client.PostAsync("SaveConfig", new { AuthorizationToken = token, StepName = stepName, ConfigItems = answers }, cancellationToken);
            if (step is null)
            {
                return null;
            }

            var error = Shape.Text(step, "Error");
            Report.Check("SaveConfig", "accepts the step's answers", error is null, $"Step '{stepName}': {error}");
            if (error is not null)
            {
                return null;
            }
        }

        Report.Check("SaveConfig", "the wizard ends with StepName UserConfig", false, "The wizard did not reach StepName \"UserConfig\" in 10 steps.");
        return null;
    }

    private async Task TestAsync(string token, CancellationToken cancellationToken)
    {
        var config = await client.PostAsync("UserConfig", new { AuthorizationToken = token }, cancellationToken);
        if (config is not null)
        {
            _checks.WizardStep("UserConfig", config);
        }

        var test = await client.PostAsync("ConfigTest", new { AuthorizationToken = token }, cancellationToken);
        if (test is not null)
        {
            Report.Check("ConfigTest", "configuration is valid", Shape.Text(test, "Error") is null, $"Error: {Shape.Text(test, "Error")}");
        }

        foreach (var (endpoint, property) in new[] { ("ShippingTags", "ShippingTags"), ("PaymentTags", "PaymentTags") })
        {
            var tags = await client.PostAsync(endpoint, new { AuthorizationToken = token }, cancellationToken);
            if (tags is null)
            {
                continue;
            }

            foreach (var tag in Shape.Array(Report, endpoint, tags, property).OfType<JsonObject>())
            {
                Shape.String(Report, endpoint, tag, "Tag", nullable: false);
                Shape.String(Report, endpoint, tag, "FriendlyName", nullable: false);
                Report.Check(endpoint, "tag lengths within limits (64/255/25)",
                    (Shape.Text(tag, "Tag")?.Length ?? 0) <= 64 && (Shape.Text(tag, "FriendlyName")?.Length ?? 0) <= 255 && (Shape.Text(tag, "Site")?.Length ?? 0) <= 25,
                    $"Tag '{Shape.Text(tag, "Tag")}' is over a limit.");
            }

            var bad = await client.PostAsync(endpoint, new { AuthorizationToken = "simulator-invalid-token" }, cancellationToken);
            if (bad is not null)
            {
                Report.Check(endpoint, "an invalid token is an Error, not data", Shape.Text(bad, "Error") is not null && Shape.Array(Report, endpoint, bad, property).Count == 0,
                    "An unknown AuthorizationToken was answered without Error, or with data.");
            }
        }
    }

    /// <summary>Every Orders page from 1 while HasMorePages, then one page past the end.</summary>
    /// <param name="keepItems">False in load mode: every item is checked, none is kept (the answers are not used after).</param>
    public Task<List<JsonObject>> PullOrdersAsync(string token, CancellationToken cancellationToken, bool keepItems = true) =>
        PullAsync("Orders", "Orders", page => new { AuthorizationToken = token, UTCTimeFrom = options.OrdersSinceUtc.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture), PageNumber = page },
            "ReferenceNumber", _checks.Order, keepItems, cancellationToken);

    public Task<List<JsonObject>> PullProductsAsync(string token, CancellationToken cancellationToken) =>
        PullAsync("Products", "Products", page => new { AuthorizationToken = token, PageNumber = page }, "SKU", _checks.Product, keepItems: true, cancellationToken);

    private async Task<List<JsonObject>> PullAsync(
        string endpoint, string property, Func<int, object> request, string key, Action<JsonElement> check, bool keepItems, CancellationToken cancellationToken)
    {
        var all = new List<JsonObject>();
        if (!client.Has(endpoint))
        {
            return all;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var page = 1; page <= options.MaxPages; page++)
        {
            // Each page is checked where it lies; an item kept is a copy of it (the page's buffer goes back to the pool).
            var answer = await client.PostPageAsync(endpoint, request(page), root =>
            {
                var error = Shape.Text(root, "Error");
                Report.Check(endpoint, "page answered without Error", error is null, $"Page {page}: {error}");
                var more = Shape.Bool(Report, endpoint, root, "HasMorePages") && root.GetProperty("HasMorePages").GetBoolean();
                var count = 0;
                foreach (var item in Shape.Array(Report, endpoint, root, property).Where(i => i.ValueKind == JsonValueKind.Object))
                {
                    count++;
                    check(item);
                    var id = Shape.Text(item, key) ?? string.Empty;
                    Report.Check(endpoint, $"no {key} repeated across pages", seen.Add(id), $"{key} '{id}' came again on page {page}.");
                    if (keepItems)
                    {
                        all.Add(JsonObject.Create(item.Clone())!);
                    }
                }

                return ((bool More, int Items)?)(more, count);
            }, cancellationToken);
            if (answer is not var (more, items))
            {
                return all;
            }

            if (more && items == 0)
            {
                Report.Check(endpoint, "HasMorePages only when more follow", false, $"Page {page} is empty but says HasMorePages:true.");
                return all;
            }

            if (!more)
            {
                var past = await client.PostAsync(endpoint, request(page + 1), cancellationToken);
                if (past is not null)
                {
                    Report.Check(endpoint, "a page past the end is empty without Error",
                        Shape.Text(past, "Error") is null && Shape.Array(Report, endpoint, past, property).Count == 0,
                        $"Page {page + 1} (after HasMorePages:false) returned data or an Error.");
                }

                return all;
            }
        }

        Report.Check(endpoint, "HasMorePages ends", false, $"Still HasMorePages after {options.MaxPages} pages.");
        return all;
    }

    private async Task DespatchAsync(string token, IReadOnlyList<JsonObject> orders, CancellationToken cancellationToken)
    {
        var despatches = new List<(string Reference, object Despatch)>();
        foreach (var order in orders)
        {
            var reference = Shape.Text(order, "ReferenceNumber")!;
            var lines = order["OrderItems"]!.AsArray().OfType<JsonObject>().ToList();
            var parts = options.SplitDespatch && lines.Count > 1 ? new[] { lines[..1], lines[1..] } : [lines];
            for (var p = 0; p < parts.Length; p++)
            {
                despatches.Add((reference, new
                {
                    ReferenceNumber = reference,
                    ShippingVendor = "Royal Mail",
                    ShippingMethod = "Tracked 24",
                    TrackingNumber = $"SIM{reference}-{p + 1}",
                    SecondaryTrackingNumbers = (string[]?)null,
                    ProcessedOn = DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture),
                    Items = parts[p].Select(l => new { SKU = Shape.Text(l, "SKU"), OrderLineNumber = Shape.Text(l, "OrderLineNumber"), DespatchedQuantity = l["Qty"]!.GetValue<int>() }).ToArray(),
                }));
            }
        }

        var unknownReference = "SIMULATOR-UNKNOWN-" + Guid.NewGuid().ToString("N")[..8];
        despatches.Add((unknownReference, new { ReferenceNumber = unknownReference, ShippingVendor = "NONE", ShippingMethod = "Default", TrackingNumber = "X", Items = Array.Empty<object>() }));
        foreach (var batch in despatches.Chunk(options.DespatchBatchSize))
        {
            var answer = await client.PostAsync("Despatch", new { AuthorizationToken = token, Orders = batch.Select(b => b.Despatch).ToArray() }, cancellationToken);
            if (answer is null)
            {
                continue;
            }

            var results = Shape.Array(Report, "Despatch", answer, "Orders").OfType<JsonObject>().ToList();
            var answered = results.Select(r => Shape.Text(r, "ReferenceNumber")).ToHashSet(StringComparer.Ordinal);
            foreach (var (reference, _) in batch.DistinctBy(b => b.Reference))
            {
                Report.Check("Despatch", "every ReferenceNumber is answered", answered.Contains(reference),
                    $"ReferenceNumber '{reference}' is missing from the answer: Linnworks treats it as not found.");
                var result = results.FirstOrDefault(r => Shape.Text(r, "ReferenceNumber") == reference);
                if (result is null)
                {
                    continue;
                }

                if (reference.StartsWith("SIMULATOR-UNKNOWN-", StringComparison.Ordinal))
                {
                    Report.Check("Despatch", "an unknown order gets its own Error", Shape.Text(result, "Error") is not null, $"'{reference}' does not exist but was answered as despatched.");
                }
                else
                {
                    Report.Check("Despatch", "despatch accepted", Shape.Text(result, "Error") is null && result["Retry"]?.GetValue<bool>() != true,
                        $"Order {reference}: Error '{Shape.Text(result, "Error")}', Retry {result["Retry"]}.");
                }
            }
        }
    }

    private async Task UpdateListingsAsync(string token, IReadOnlyList<JsonObject> products, CancellationToken cancellationToken)
    {
        var skus = products.Select(p => (Sku: Shape.Text(p, "SKU")!, Reference: Shape.Text(p, "Reference"))).ToList();
        var unknown = ("SIMULATOR-UNKNOWN-SKU", (string?)"SIMULATOR-UNKNOWN-SKU");
        var random = new Random(7);
        foreach (var (endpoint, make) in new (string, Func<(string Sku, string? Reference), object>)[]
                 {
                     ("InventoryUpdate", s => new { SKU = s.Sku, s.Reference, Quantity = random.Next(0, 100) }),
                     ("PriceUpdate", s => new { SKU = s.Sku, s.Reference, Price = Math.Round(random.Next(100, 10_000) / 100m, 2), Tag = string.Empty }),
                 })
        {
            if (!client.Has(endpoint))
            {
                continue;
            }

            foreach (var batch in skus.Append(unknown).Chunk(options.UpdateBatchSize))
            {
                var answer = await client.PostAsync(endpoint, new { AuthorizationToken = token, Products = batch.Select(make).ToArray() }, cancellationToken);
                if (answer is null)
                {
                    continue;
                }

                var results = Shape.Array(Report, endpoint, answer, "Products").OfType<JsonObject>().ToDictionary(r => Shape.Text(r, "SKU") ?? string.Empty, StringComparer.Ordinal);
                foreach (var (sku, _) in batch)
                {
                    Report.Check(endpoint, "every SKU is answered", results.ContainsKey(sku),
                        $"SKU '{sku}' is missing from the answer: Linnworks may stop sending it updates.");
                    if (results.TryGetValue(sku, out var result))
                    {
                        Report.Check(endpoint, sku == unknown.Item1 ? "an unknown SKU gets its own Error" : "update accepted",
                            (sku == unknown.Item1) == (Shape.Text(result, "Error") is not null), $"SKU '{sku}': Error '{Shape.Text(result, "Error")}'.");
                    }
                }
            }
        }
    }

    /// <summary>
    /// Hostile batches, as a buggy or hurried sender produces them: a null item, an item with a wrong type, a
    /// null inside an item's list, an oversized field, and a bad token. Each item must still be answered
    /// (checked on every call by <see cref="Contract.TypedContract.EveryItemAnswered"/>), never a 5xx or an empty list.
    /// </summary>
    private async Task HostileBatchesAsync(string token, string sku, string reference, CancellationToken cancellationToken)
    {
        var huge = new string('x', 300_000);
        var batches = new (string Endpoint, object Body)[]
        {
            ("InventoryUpdate", new { AuthorizationToken = token, Products = new object?[] { null, new { SKU = sku, Quantity = "lots" }, new { SKU = sku, Quantity = 1, MultiLocationLevels = new object?[] { null } } } }),
            ("PriceUpdate", new { AuthorizationToken = token, Products = new object?[] { new { SKU = sku, Price = "cheap" }, null, new { SKU = huge, Price = 1 } } }),
            ("Despatch", new { AuthorizationToken = token, Orders = new object?[] { null, new { ReferenceNumber = reference, Items = new object?[] { null } }, new { ReferenceNumber = "SIM-NO-SUCH", Items = Array.Empty<object>() } } }),
            ("InventoryUpdate", new { AuthorizationToken = "not-a-token", Products = new object[] { new { SKU = sku, Quantity = 1 }, new { SKU = "B", Quantity = 2 } } }),
            ("Despatch", new { AuthorizationToken = "not-a-token", Orders = new object[] { new { ReferenceNumber = reference }, new { ReferenceNumber = "B" } } }),
        };
        foreach (var (endpoint, body) in batches)
        {
            if (client.Has(endpoint))
            {
                var answer = await client.PostAsync(endpoint, body, cancellationToken);
                Report.Check(endpoint, "a hostile batch is answered in-band", answer is not null, "The hostile batch got no usable answer (see the transport checks).");
            }
        }
    }

    private async Task PostSaleAsync(string token, JsonObject cancelOrder, JsonObject refundOrder, CancellationToken cancellationToken)
    {
        if (client.Has("PostSaleOptions"))
        {
            var optionsAnswer = await client.PostAsync("PostSaleOptions", new { AuthorizationToken = token }, cancellationToken);
            if (optionsAnswer is not null)
            {
                Shape.Bool(Report, "PostSaleOptions", optionsAnswer, "CanCancel");
                Shape.Bool(Report, "PostSaleOptions", optionsAnswer, "CanRefund");
                Shape.Array(Report, "PostSaleOptions", optionsAnswer, "PostSaleReasons");
            }
        }

        if (client.Has("Cancel"))
        {
            var cancel = await client.PostAsync("Cancel", new
            {
                AuthorizationToken = token,
                // A whole-order cancellation, as Linnworks' .NET client writes it: an unset list is null, not [].
                Cancellation = new { ReferenceNumber = Shape.Text(cancelOrder, "ReferenceNumber"), Items = (object[]?)null },
            }, cancellationToken);
            if (cancel is not null)
            {
                Report.Check("Cancel", "cancellation accepted", Shape.Text(cancel, "Error") is null, $"Error: {Shape.Text(cancel, "Error")}");
            }
        }

        if (client.Has("Refund"))
        {
            var line = refundOrder["OrderItems"]!.AsArray().OfType<JsonObject>().First();
            var refund = await client.PostAsync("Refund", new
            {
                AuthorizationToken = token,
                Refund = new
                {
                    ReferenceNumber = Shape.Text(refundOrder, "ReferenceNumber"),
                    RefundShippingAmount = 0m,
                    Items = new[] { new { SKU = Shape.Text(line, "SKU"), OrderLineNumber = Shape.Text(line, "OrderLineNumber"), RefundAmount = 1m, Reason = "CustomerRequest" } },
                },
            }, cancellationToken);
            if (refund is not null)
            {
                Report.Check("Refund", "refund accepted with a RefundReference", Shape.Text(refund, "Error") is null && Shape.Text(refund, "RefundReference") is { Length: > 0 },
                    $"Error: {Shape.Text(refund, "Error")}; RefundReference: {Shape.Text(refund, "RefundReference") ?? "(none)"}");
            }
        }
    }

    private static HashSet<string> Refs(IEnumerable<JsonObject> orders) => [.. orders.Select(o => Shape.Text(o, "ReferenceNumber") ?? string.Empty)];
}
