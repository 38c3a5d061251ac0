using System.Collections.Concurrent;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using static ChannelBridge.Api.FunctionalTests.Features.Orders.OrderBuilder;

namespace ChannelBridge.Api.FunctionalTests.CrossCutting.Secrets;

/// <summary>Captures every log line (Trace and up) of a full run.</summary>
public class LogCapturingApiFactory : ApiFactory, ILoggerProvider
{
    public ConcurrentQueue<string> Lines { get; } = new();

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["OAuth:Enabled"] = "true",
        // The run's webhook points at a closed loopback port, so the worker tries it (and logs the failure) at once.
        ["Webhooks:PollInterval"] = "00:00:00.050",
        ["Webhooks:AllowPrivateNetworks"] = "true",
        ["Webhooks:AllowHttp"] = "true",
    };

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(categoryName, Lines);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureLogging(l => l.SetMinimumLevel(LogLevel.Trace).AddProvider(this));
    }

    private sealed class CapturingLogger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull
        {
            lines.Enqueue($"{category} scope: {state}");
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception}");
    }
}

public class SecretsInLogsTests(LogCapturingApiFactory factory) : IClassFixture<LogCapturingApiFactory>
{
    [Fact]
    public async Task AFullRun_LogsNoSecret_AndLeavesNoneInTheDatabaseFile()
    {
        var secrets = new List<string> { ApiFactory.OperatorKey, ApiFactory.KeyRingKey };
        var (token, storeId, storeKey) = await factory.Integrate();
        secrets.AddRange([token, storeKey]);
        var client = factory.Client();
        var store = factory.ChannelClient(storeKey);
        await store.Push(storeId, Order("L-1"));
        await client.PostJson("/api/Order/Orders", new { AuthorizationToken = token, UTCTimeFrom = "2020-01-01 00:00:00Z", PageNumber = 1 });
        await client.PostJson("/api/Order/Despatch", new { AuthorizationToken = token, Orders = new[] { new { ReferenceNumber = "L-1", TrackingNumber = "T" } } });
        var webhookSecret = Features.Webhooks.WebhookReceiver.NewSecret();
        secrets.Add(webhookSecret);
        (await store.PutJson($"/api/channel/v1/stores/{storeId}/webhook", new { Url = "http://127.0.0.1:9/hook", Secret = webhookSecret })).Response.StatusCode.Should().Be(System.Net.HttpStatusCode.OK);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["client_id"] = storeId, ["client_secret"] = storeKey });
        var accessToken = (await ApiClientExtensions.ReadObject(await client.PostAsync("/oauth/token", form)))["access_token"]!.GetValue<string>();
        secrets.Add(accessToken);
        var withBearer = factory.Client();
        withBearer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        await withBearer.PostJson("/api/Config/ConfigTest", new { AuthorizationToken = token });
        var (_, rotated) = await store.PostJson($"/api/channel/v1/stores/{storeId}/rotate-key", new { });
        secrets.Add(rotated["StoreKey"]!.GetValue<string>());
        await client.PostJson("/api/Config/ConfigTest", new { AuthorizationToken = token + "x" });
        await client.PostRaw("/api/Config/SaveConfig", $$"""{"AuthorizationToken":"{{token}}","StepName":""");
        // The webhook worker's failed attempt is logged too: wait until the webhook shows it, not for a fixed time.
        await Features.Webhooks.WebhookTests.EventuallyState(factory.ChannelClient(rotated["StoreKey"]!.GetValue<string>()), storeId, s => s["Attempts"]!.GetValue<int>() >= 1);

        var log = string.Join("\n", factory.Lines);

        log.Should().Contain("Linnworks ConfigTest for integration", "the capture sees the application's own logs");
        factory.Lines.Where(l => l.Contains("refused: unknown token", StringComparison.Ordinal)).Should().NotBeEmpty()
            .And.OnlyContain(l => !l.Contains("(integration", StringComparison.Ordinal), "an unknown token names no integration");
        foreach (var secret in secrets)
        {
            log.Should().NotContain(secret);
        }

        var database = string.Concat(new[] { factory.DatabasePath, factory.DatabasePath + "-wal" }.Where(File.Exists).Select(ReadShared));
        database.Should().Contain("seller@example.com", "the search reads the real data");
        foreach (var secret in secrets)
        {
            database.Should().NotContain(secret);
        }
    }

    private static string ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream, System.Text.Encoding.Latin1);
        return reader.ReadToEnd();
    }
}
