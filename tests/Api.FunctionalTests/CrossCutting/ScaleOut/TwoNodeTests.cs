using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using ChannelBridge.Api.FunctionalTests.Features.Webhooks;
using ChannelBridge.Tests;
using Microsoft.Data.Sqlite;
using static ChannelBridge.Api.FunctionalTests.Features.Orders.OrderBuilder;

namespace ChannelBridge.Api.FunctionalTests.CrossCutting.ScaleOut;

/// <summary>
/// Two API processes on one database file, as two nodes behind a load balancer: whatever one node
/// creates (token, store key, OAuth token, encrypted config value) works through the other, each
/// webhook update is delivered once although both nodes run the delivery worker, and a download run started on one
/// node continues on the other.
/// </summary>
public sealed class TwoNodeTests : IAsyncLifetime
{
    private const string OperatorKey = "two-node-operator-key-0123456789abcdefghij";
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"channelbridge-2n-{Guid.NewGuid():N}");
    private readonly List<Process> _nodes = [];
    private readonly List<Uri> _urls = [];

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        var api = typeof(Program).Assembly.Location;
        foreach (var _ in new[] { "A", "B" })
        {
            var start = new ProcessStartInfo("dotnet") { WorkingDirectory = _directory, RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add(api);
            start.ArgumentList.Add("--urls");
            start.ArgumentList.Add("http://127.0.0.1:0"); // the node picks its port and logs it: no race with other servers for a "free" one
            start.Environment["ConnectionStrings__ChannelBridge"] = $"Data Source={Path.Combine(_directory, "shared.db")}";
            start.Environment["ChannelApi__OperatorKey"] = OperatorKey;
            start.Environment["DataProtection__KeyRingKey"] = "two-node-key-ring-key-0123456789abcdefghij";
            start.Environment["OAuth__Enabled"] = "true";
            start.Environment["Webhooks__PollInterval"] = "00:00:00.050";
            start.Environment["Webhooks__MaxBackoff"] = "00:00:00.500";
            start.Environment["Webhooks__AllowPrivateNetworks"] = "true";
            start.Environment["Webhooks__AllowHttp"] = "true";
            start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
            start.Environment["Database__SqliteSharedByProcesses"] = "true"; // both serve Linnworks' pages, as docs/operations.md asks
            var node = Process.Start(start)!;
            var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
            node.OutputDataReceived += (_, e) =>
            {
                // Microsoft.Hosting.Lifetime: "Now listening on: http://127.0.0.1:NNNNN" (JSON console log).
                var at = e.Data?.IndexOf("Now listening on: ", StringComparison.Ordinal) ?? -1;
                if (at >= 0)
                {
                    var address = e.Data![(at + "Now listening on: ".Length)..].Split('"')[0];
                    listening.TrySetResult(new Uri(address.TrimEnd('/') + "/"));
                }
            };
            node.ErrorDataReceived += (_, _) => { };
            node.BeginOutputReadLine();
            node.BeginErrorReadLine();
            _nodes.Add(node);
            _urls.Add(await listening.Task.WaitAsync(TimeSpan.FromSeconds(60)));
            await WaitHealthy(_urls[^1]); // one at a time: the first applies the migrations
        }
    }

    public Task DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            node.Kill(entireProcessTree: true);
            node.WaitForExit(5000);
            node.Dispose();
        }

        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }

        return Task.CompletedTask;
    }

    [Fact]
    public async Task WhatOneNodeCreates_WorksThroughTheOther_AndEachUpdateIsDeliveredOnce()
    {
        var (a, b) = (Client(_urls[0]), Client(_urls[1]));

        // A store and its key made on A work on B.
        var (created, store) = await Client(_urls[0], OperatorKey).PostJson("api/channel/v1/stores", new { Name = "Two nodes" });
        created.StatusCode.Should().Be(HttpStatusCode.Created);
        var (storeId, storeKey) = (store["StoreId"]!.GetValue<string>(), store["StoreKey"]!.GetValue<string>());
        (await Client(_urls[1], storeKey).GetAsync($"api/channel/v1/stores/{storeId}")).StatusCode.Should().Be(HttpStatusCode.OK);

        // An integration made on A, its StoreKey encrypted on A, is read and tested on B.
        var token = await a.AddNewUser();
        (await a.SaveConfig(token, "ConnectStore", ("StoreId", storeId), ("StoreKey", storeKey))).Body["Error"].Should().BeNull();
        (await b.SaveConfig(token, "OrderSettings")).Body["StepName"]!.GetValue<string>().Should().Be("UserConfig");
        (await b.PostJson("api/Config/ConfigTest", new { AuthorizationToken = token })).Body["Error"].Should().BeNull("B decrypts the StoreKey A wrote");

        // An OAuth token issued by A is accepted by B.
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["client_id"] = storeId, ["client_secret"] = storeKey });
        var issued = await ApiClientExtensions.ReadObject(await a.PostAsync("oauth/token", form));
        var withBearer = Client(_urls[1]);
        withBearer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", issued["access_token"]!.GetValue<string>());
        (await withBearer.PostJson("api/Config/ConfigTest", new { AuthorizationToken = token })).Body["Error"].Should().BeNull();

        // Both nodes run the webhook worker; the lease makes each update arrive once, in order.
        await using var receiver = await WebhookReceiver.StartAsync(WebhookReceiver.NewSecret());
        var storeClient = Client(_urls[0], storeKey);
        (await storeClient.PutJson($"api/channel/v1/stores/{storeId}/webhook", new { Url = receiver.Url, receiver.Secret })).Response.StatusCode.Should().Be(HttpStatusCode.OK);
        await storeClient.Push(storeId, [.. Enumerable.Range(1, 13).Select(i => Order($"N-{i}"))]);
        for (var i = 1; i <= 12; i++)
        {
            var node = i % 2 == 0 ? a : b;
            (await node.PostJson("api/Order/Despatch", new { AuthorizationToken = token, Orders = new[] { new { ReferenceNumber = $"N-{i}", TrackingNumber = $"T{i}" } } }))
                .Body["Orders"]![0]!["Error"].Should().BeNull();
        }

        await Eventually.True(() => receiver.AcceptedIds().Count >= 12, "the two nodes' workers should have delivered the twelve despatches", TimeSpan.FromSeconds(30));

        // Rather than sleeping while a duplicate might arrive: once the stored cursor is at the feed's end, one more update
        // is delivered. Deliveries go out in cursor order under the lease, so a resend of one of the twelve would reach the
        // receiver before this marker does.
        await Eventually.Value(
            async () => (await storeClient.GetFromJsonAsync<JsonObject>($"api/channel/v1/stores/{storeId}/webhook"))!,
            w => w["Backlog"]!.GetValue<long>() == 0,
            "the delivered cursor should reach the feed's end");
        (await a.PostJson("api/Order/Despatch", new { AuthorizationToken = token, Orders = new[] { new { ReferenceNumber = "N-13", TrackingNumber = "T13" } } }))
            .Body["Orders"]![0]!["Error"].Should().BeNull();
        await Eventually.True(() => receiver.AcceptedIds().Count >= 13, "the marker update should be delivered", TimeSpan.FromSeconds(30));
        var feed = (await storeClient.GetFromJsonAsync<JsonObject>($"api/channel/v1/stores/{storeId}/updates?limit=100"))!["Updates"]!.AsArray();
        receiver.AcceptedIds().Should().Equal(feed.Select(u => $"{storeId}:{u!["Cursor"]}"));
        receiver.Received.Should().OnlyContain(r => r.SignatureValid);
    }

    /// <summary>
    /// A download run started on one node is continued on the other: the run's key range is in the paging state both
    /// share (on SQLite the paging file beside the shared database, ADR-021), so orders pushed after page 1 neither
    /// shift the later pages nor appear in them, and every order of the run comes exactly once.
    /// </summary>
    [Fact]
    public async Task ADownloadRunStartedOnOneNode_ContinuesOnTheOther_WithOrdersPushedMeanwhileLeftOut()
    {
        var (a, b) = (Client(_urls[0]), Client(_urls[1]));
        var (token, storeId, storeClient) = await LinkedStoreAsync("Paging across nodes");
        await storeClient.Push(storeId, [.. Enumerable.Range(1, 150).Select(i => Order($"RUN-{i:D3}"))]);
        async Task<List<string>> Page(HttpClient node, int page)
        {
            var body = (await node.PostJson("api/Order/Orders", new { AuthorizationToken = token, UTCTimeFrom = "2020-01-01 00:00:00Z", PageNumber = page })).Body;
            body["Error"].Should().BeNull();
            return [.. body["Orders"]!.AsArray().Select(o => o!["ReferenceNumber"]!.GetValue<string>())];
        }

        var first = await Page(a, 1);
        await storeClient.Push(storeId, [.. Enumerable.Range(1, 30).Select(i => Order($"LATE-{i:D2}"))]);
        var second = await Page(b, 2);
        var third = await Page(b, 3);

        first.Should().HaveCount(100);
        second.Should().HaveCount(50, "page 2 on B continues A's run: its key range ends where page 1 fixed it");
        third.Should().BeEmpty();
        first.Concat(second).Should().BeEquivalentTo(Enumerable.Range(1, 150).Select(i => $"RUN-{i:D3}"), "each order of the run once, none pushed after it started");
    }

    /// <summary>
    /// Linnworks downloads again from the same UTCTimeFrom after a run failed on its side, and page 1 reaches the other
    /// node, after an order changed and one arrived. The node that served the run before goes on with the run begun again,
    /// not the one it remembers, and every order is served. Without <c>Database:SqliteSharedByProcesses</c> RUN-201 was
    /// lost: node A served page 2 from its old run, and node B counted page 3 from its own page 2.
    /// </summary>
    [Fact]
    public async Task ADownloadBegunAgainOnTheOtherNode_IsTheRunBothGoOnWith_AndNoOrderIsLost()
    {
        var (a, b) = (Client(_urls[0]), Client(_urls[1]));
        var (token, storeId, storeClient) = await LinkedStoreAsync("Run begun again");
        await storeClient.Push(storeId, [.. Enumerable.Range(1, 250).Select(i => Order($"RUN-{i:D3}"))]);
        async Task<(List<string> Orders, bool More)> Page(HttpClient node, int page)
        {
            var body = (await node.PostJson("api/Order/Orders", new { AuthorizationToken = token, UTCTimeFrom = "2020-01-01 00:00:00Z", PageNumber = page })).Body;
            body["Error"].Should().BeNull();
            return ([.. body["Orders"]!.AsArray().Select(o => o!["ReferenceNumber"]!.GetValue<string>())], body["HasMorePages"]!.GetValue<bool>());
        }

        await Page(a, 1);
        await Page(a, 2);
        await storeClient.Push(storeId, Order("RUN-001", title: "Changed mug"), Order("RUN-251"));
        var served = new List<string>();
        for (var (n, more) = (1, true); more; n++)
        {
            var page = await Page(n % 2 == 1 ? b : a, n);
            (served, more) = ([.. served, .. page.Orders], page.More);
        }

        served.Should().BeEquivalentTo(Enumerable.Range(1, 251).Select(i => $"RUN-{i:D3}"), "every order once, the changed one too");
    }

    /// <summary>A store made on node A, a Linnworks integration linked to it, and a client with the store's key.</summary>
    private async Task<(string Token, string StoreId, HttpClient Store)> LinkedStoreAsync(string name)
    {
        var a = Client(_urls[0]);
        var (_, store) = await Client(_urls[0], OperatorKey).PostJson("api/channel/v1/stores", new { Name = name });
        var (storeId, storeKey) = (store["StoreId"]!.GetValue<string>(), store["StoreKey"]!.GetValue<string>());
        var token = await a.AddNewUser();
        (await a.SaveConfig(token, "ConnectStore", ("StoreId", storeId), ("StoreKey", storeKey))).Body["Error"].Should().BeNull();
        (await a.SaveConfig(token, "OrderSettings")).Body["Error"].Should().BeNull();
        return (token, storeId, Client(_urls[0], storeKey));
    }

    private static HttpClient Client(Uri url, string? bearer = null)
    {
        var client = new HttpClient { BaseAddress = url };
        if (bearer is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        return client;
    }

    private async Task WaitHealthy(Uri url)
    {
        using var http = new HttpClient { BaseAddress = url };
        for (var i = 0; i < 100; i++)
        {
            try
            {
                if ((await http.GetAsync("health")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            _nodes[^1].HasExited.Should().BeFalse("the node should start (exit code {0})", _nodes[^1].HasExited ? _nodes[^1].ExitCode : 0);
            await Task.Delay(200);
        }

        throw new TimeoutException($"{url} did not become healthy.");
    }
}
