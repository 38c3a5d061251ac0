using ChannelBridge.LinnworksSimulator.Simulation;

namespace ChannelBridge.Api.FunctionalTests.CrossCutting.Simulator;

/// <summary>The Linnworks simulator against the real service on loopback with a fresh SQLite database.</summary>
public class SimulatorEndToEndTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Simulator_DrivingTheService_PassesEveryCheck()
    {
        var (http, baseUrl) = Loopback();
        var answers = await Demo.CreateAsync(http, baseUrl, ApiFactory.OperatorKey, orders: 230, products: 260, CancellationToken.None);
        var manifest = Manifest.Parse(await http.GetStringAsync(new Uri(baseUrl, "api/manifest")), rebaseTo: baseUrl);
        var report = new Report();

        await new Scenario(new LinnworksClient(http, manifest, report), new ScenarioOptions { Answers = answers, SplitDespatch = true, PostSale = true, UpdateBatchSize = 100, PlatformBaseUrl = baseUrl })
            .RunAsync(CancellationToken.None);

        report.Failures.Should().BeEmpty(report.ToText());
        report.CheckCount.Should().BeGreaterThan(5000);
        report.Failed.Should().Be(0);
        report.Timings().Select(t => t.Endpoint).Should().Contain(["AddNewUser", "SaveConfig", "ConfigTest", "Orders", "Despatch", "Products", "InventoryUpdate", "PriceUpdate", "Cancel", "Refund"]);
        report.Timings().Select(t => t.Endpoint).Should().Contain(["GetConfiguratorSettings", "GetCategories", "GetAttributesByCategory", "GetVariationsByCategory", "ListingUpdate", "ListingDelete", "CheckFeed"]);
        report.Tallies.Should().Contain(c => c.Check == "each ChannelReference is what Products reports" && c.Passed > 0);
        report.Timings().Should().OnlyContain(t => t.Max < 10_000);
    }

    [Fact]
    public async Task Simulator_WithoutAnswers_AsksForEachRequiredItem()
    {
        var (http, baseUrl) = Loopback();
        var answers = await Demo.CreateAsync(http, baseUrl, ApiFactory.OperatorKey, orders: 3, products: 3, CancellationToken.None);
        var manifest = Manifest.Parse(await http.GetStringAsync(new Uri(baseUrl, "api/manifest")), rebaseTo: baseUrl);
        var asked = new List<string>();
        var report = new Report();
        var scenario = new Scenario(new LinnworksClient(http, manifest, report), new ScenarioOptions
        {
            Prompt = item =>
            {
                var id = item["ConfigItemId"]!.GetValue<string>();
                asked.Add(id);
                return answers.GetValueOrDefault(id);
            },
        });

        var token = await scenario.IntegrateAsync(CancellationToken.None);

        token.Should().NotBeNull(report.ToText());
        asked.Should().Equal("StoreId", "StoreKey");
        report.Failed.Should().Be(0);
    }

    [Fact]
    public async Task Simulator_PointedAtABrokenEndpoint_FailsAndSaysWhy()
    {
        var (http, baseUrl) = Loopback();
        var answers = await Demo.CreateAsync(http, baseUrl, ApiFactory.OperatorKey, orders: 5, products: 5, CancellationToken.None);
        var manifest = Manifest.Parse(
            (await http.GetStringAsync(new Uri(baseUrl, "api/manifest"))).Replace("/api/Order/Orders", "/api/channel/v1/stores/nope/orders", StringComparison.Ordinal),
            rebaseTo: baseUrl);
        var report = new Report();

        await new Scenario(new LinnworksClient(http, manifest, report), new ScenarioOptions { Answers = answers, Despatch = false }).RunAsync(CancellationToken.None);

        report.Failed.Should().BeGreaterThan(0);
        report.ToText().Should().Contain("FAIL").And.Contain("Orders: HTTP 200").And.Contain("Got HTTP 401");
    }

    [Fact]
    public async Task LoadMode_SeveralSellers_AllChecksPass()
    {
        var (http, baseUrl) = Loopback();
        var answers = await Demo.CreateAsync(http, baseUrl, ApiFactory.OperatorKey, orders: 120, products: 50, CancellationToken.None);
        var manifest = Manifest.Parse(await http.GetStringAsync(new Uri(baseUrl, "api/manifest")), rebaseTo: baseUrl);
        var report = new Report();

        var rounds = await LoadRunner.RunAsync(() => new LinnworksClient(http, manifest, report), new ScenarioOptions { Answers = answers }, sellers: 4, TimeSpan.FromSeconds(3), baseUrl, CancellationToken.None);

        rounds.Should().BeGreaterThan(4);
        report.Failures.Should().BeEmpty(report.ToText());
    }

    [Fact]
    public async Task LoadMode_RefusesANonLoopbackTarget()
    {
        var act = () => LoadRunner.RunAsync(() => throw new InvalidOperationException(), new ScenarioOptions(), 1, TimeSpan.FromSeconds(1), new Uri("https://example.com/"), CancellationToken.None);

        await act.Should().ThrowAsync<InvalidOperationException>().WithMessage("*loopback*");
    }

    [Fact]
    public async Task HoldBodiesMode_RefusesANonLoopbackTarget()
    {
        using var http = new HttpClient();
        var act = () => HeldBodiesRunner.RunAsync(http, new Uri("https://example.com/"), "token", 1, TimeSpan.FromSeconds(1), 1000, CancellationToken.None);

        await act.Should().ThrowAsync<InvalidOperationException>().WithMessage("*loopback*");
    }

    [Fact]
    public async Task IngestMode_TwoClients_EveryOrderCreatedOnce()
    {
        var (http, baseUrl) = Loopback();

        var result = await IngestRunner.RunAsync(http, baseUrl, ApiFactory.OperatorKey, orders: 1_234, clients: 2, CancellationToken.None);

        result.Batches.Should().Be(3);
        result.Created.Should().Be(1_234);
        result.OrdersPerSecond.Should().BePositive();
        result.BatchP99Ms.Should().BeGreaterThanOrEqualTo(result.BatchP50Ms);
        result.ResendOrdersPerSecond.Should().Be(0, "nothing was sent again");
        result.BatchBeforeTurnP50Ms.Should().BeNull("the service sends Server-Timing only when Api:ServerTiming is on");
    }

    [Fact]
    public async Task IngestMode_Resend_EveryOrderUnchanged()
    {
        var (http, baseUrl) = Loopback();

        // The runner throws unless every order of the second pass comes back Unchanged.
        var result = await IngestRunner.RunAsync(http, baseUrl, ApiFactory.OperatorKey, orders: 700, clients: 2, CancellationToken.None, resend: true);

        result.Created.Should().Be(700);
        result.ResendOrdersPerSecond.Should().BePositive();
        result.ResendBatchP99Ms.Should().BeGreaterThanOrEqualTo(result.ResendBatchP50Ms);
    }

    [Fact]
    public async Task IngestMode_RefusesANonLoopbackTarget()
    {
        var act = () => IngestRunner.RunAsync(new HttpClient(), new Uri("https://example.com/"), "key", 10, 1, CancellationToken.None);

        await act.Should().ThrowAsync<InvalidOperationException>().WithMessage("*loopback*");
    }

    private (HttpClient Http, Uri BaseUrl) Loopback()
    {
        var client = factory.Client();
        return (client, client.BaseAddress!);
    }
}
