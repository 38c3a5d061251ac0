using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using ChannelBridge.Application.Common;
using ChannelBridge.Tests;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;

namespace ChannelBridge.Api.FunctionalTests.CrossCutting.Operations;

public sealed class OperationsFactory : ApiFactory
{
    public List<Metric> Metrics { get; } = [];

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Activity:FlushInterval"] = "00:00:00.100" };

    protected override void ReplaceServices(IServiceCollection services) => services.AddOpenTelemetry().WithMetrics(m => m.AddInMemoryExporter(Metrics));

    public void FlushMetrics() => Services.GetRequiredService<MeterProvider>().ForceFlush();
}

/// <summary>What an operator and a platform's support team see: telemetry, integration status, health.</summary>
public class OperationsTests(OperationsFactory factory) : IClassFixture<OperationsFactory>
{
    [Fact]
    public async Task LinnworksCalls_AreTracedAndMeasured_PerEndpointAndOutcome()
    {
        var spans = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == ChannelBridgeTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a => { lock (spans) { spans.Add(a); } },
        };
        ActivitySource.AddActivityListener(listener);
        var (token, _, _) = await factory.Integrate();
        var linnworks = factory.Client();

        await linnworks.PostJson("/api/Config/ConfigTest", new { AuthorizationToken = token });
        await linnworks.PostJson("/api/Config/ConfigTest", new { AuthorizationToken = "wrong" });
        factory.FlushMetrics();

        lock (spans)
        {
            spans.Should().Contain(s => s.DisplayName == "Linnworks ConfigTest" && (string?)s.GetTagItem("channelbridge.outcome") == "success");
        }

        var durations = factory.Metrics.Where(m => m.Name == "channelbridge.linnworks.request.duration").SelectMany(Points).ToList();
        durations.Should().Contain(p => p.Endpoint == "ConfigTest" && p.Outcome == "success");
        durations.Should().Contain(p => p.Endpoint == "ConfigTest" && p.Outcome == "unauthenticated");
        factory.Metrics.Should().Contain(m => m.Name == "channelbridge.authentication.failures");
        factory.Metrics.Should().Contain(m => m.Name.StartsWith("http.server.", StringComparison.Ordinal), "ASP.NET Core's own metrics are collected too");
    }

    [Fact]
    public async Task ThePlatform_SeesEachIntegrationsLastCalls_Errors_AndCounts()
    {
        var (token, storeId, key) = await factory.Integrate();
        var linnworks = factory.Client();
        await linnworks.PostJson("/api/Order/Orders", new { AuthorizationToken = token, UTCTimeFrom = "2026-01-01 00:00:00Z", PageNumber = 1 });
        await linnworks.PostJson("/api/Order/Orders", new { AuthorizationToken = token, UTCTimeFrom = "2026-01-01 00:00:00Z", PageNumber = 0 });
        await linnworks.PostJson("/api/Product/InventoryUpdate", new { AuthorizationToken = token, Products = new[] { new { SKU = "NOPE", Quantity = 1 } } });

        var status = await Eventually.Value(
            async () => (await factory.ChannelClient(key).GetFromJsonAsync<JsonObject>($"/api/channel/v1/stores/{storeId}/integrations"))!,
            s => s["Integrations"]![0]!["Activity"]!.AsArray().Count >= 3,
            "the activity recorder writes the three families' calls within its interval");

        var integration = status["Integrations"]!.AsArray().Single()!;
        integration["LinkedBy"]!.GetValue<string>().Should().Be("StoreKey");
        integration["StepName"]!.GetValue<string>().Should().Be("UserConfig");
        var orders = integration["Activity"]!.AsArray().Single(a => a!["Family"]!.GetValue<string>() == "Orders")!;
        orders["CallsLast24Hours"]!.GetValue<int>().Should().Be(2);
        orders["ProblemsLast24Hours"]!.GetValue<int>().Should().Be(1);
        orders["LastOutcome"]!.GetValue<string>().Should().Be("rejected");
        orders["LastError"]!.GetValue<string>().Should().Contain("PageNumber starts at 1");
        var stock = integration["Activity"]!.AsArray().Single(a => a!["Family"]!.GetValue<string>() == "StockAndPrice")!;
        (stock["LastEndpoint"]!.GetValue<string>(), stock["LastItems"]!.GetValue<int>(), stock["LastOutcome"]!.GetValue<string>()).Should().Be(("InventoryUpdate", 1, "success"));
        (await factory.ChannelClient(key).GetAsync("/api/channel/v1/stores/another/integrations")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Health_HasLivenessAndReadiness()
    {
        var client = factory.Client();

        var live = await client.GetAsync("/health/live");
        var ready = await client.GetAsync("/health/ready");

        (live.StatusCode, await live.Content.ReadAsStringAsync()).Should().Be((HttpStatusCode.OK, "Healthy"));
        (ready.StatusCode, await ready.Content.ReadAsStringAsync()).Should().Be((HttpStatusCode.OK, "Healthy"));
        (await client.GetStringAsync("/health")).Should().Be("Healthy");
    }

    private static IEnumerable<(string? Endpoint, string? Outcome)> Points(Metric metric)
    {
        foreach (ref readonly var point in metric.GetMetricPoints())
        {
            string? endpoint = null, outcome = null;
            foreach (var tag in point.Tags)
            {
                endpoint = tag.Key == "endpoint" ? tag.Value as string : endpoint;
                outcome = tag.Key == "outcome" ? tag.Value as string : outcome;
            }

            yield return (endpoint, outcome);
        }
    }
}

/// <summary>The OpenAPI document says what the service really does.</summary>
public class OpenApiDocumentTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task EveryOperation_HasASummary_BearerOnlyWhereItApplies_AndOAuthIsFormEncoded()
    {
        var document = (await factory.Client().GetFromJsonAsync<JsonObject>("/swagger/v1/swagger.json"))!;
        var operations = document["paths"]!.AsObject().SelectMany(p => p.Value!.AsObject().Select(o => (Path: p.Key, Method: o.Key, Operation: o.Value!.AsObject()))).ToList();

        document.ContainsKey("security").Should().BeFalse("Linnworks routes take no bearer from Swagger's point of view");
        operations.Where(o => string.IsNullOrWhiteSpace(o.Operation["summary"]?.GetValue<string>())).Select(o => $"{o.Method} {o.Path}").Should().BeEmpty();
        operations.Where(o => o.Path.StartsWith("/api/Order", StringComparison.Ordinal)).Should().OnlyContain(o => !o.Operation.ContainsKey("security"));
        operations.Where(o => o.Path.StartsWith("/api/channel/v1/stores/{storeId}", StringComparison.Ordinal)).Should().OnlyContain(o => o.Operation.ContainsKey("security"));
        document["paths"]!["/oauth/token"]!["post"]!["requestBody"]!["content"]!.AsObject().Select(c => c.Key).Should().Equal("application/x-www-form-urlencoded");
        document["info"]!["description"]!.GetValue<string>().Should().NotContain("<", "angle brackets are eaten as HTML by the Swagger UI");
    }

    [Fact]
    public async Task TheDefaultLogo_IsA57By57Png_ServedFromAnyWorkingDirectory()
    {
        var response = await factory.Client().GetAsync("/channelbridge-logo-57.png");
        var png = await response.Content.ReadAsByteArrayAsync();

        response.Content.Headers.ContentType!.MediaType.Should().Be("image/png");
        png[..8].Should().Equal(0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A);
        (System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)), System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20))).Should().Be((57, 57));
    }
}
