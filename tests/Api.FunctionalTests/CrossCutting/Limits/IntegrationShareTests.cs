using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ChannelBridge.Application.Common.Linnworks;
using Microsoft.Data.Sqlite;

namespace ChannelBridge.Api.FunctionalTests.CrossCutting.Limits;

/// <summary>
/// A Linnworks integration's share of the turns (ADR-025), which a store's integrations share (ADR-043), on the real server
/// with <see cref="OneTurnEachLaneApiFactory"/>: two turns, a share of one, and its own queue of two. Another writer holds SQLite's write lock, so
/// integration A's InventoryUpdate holds A's share for as long as the test likes.
/// </summary>
public class IntegrationShareTests(OneTurnEachLaneApiFactory factory) : IClassFixture<OneTurnEachLaneApiFactory>
{
    [Fact]
    public async Task OneIntegrationsCallsHeldOnTheLock_QueueOnlyThemselves()
    {
        var (tokenA, storeA, keyA) = await factory.Integrate();
        var (tokenB, _, _) = await factory.Integrate();
        (await factory.ChannelClient(keyA).PostJson($"/api/channel/v1/stores/{storeA}/products", new { Products = new[] { new { SKU = "IS-1", Title = "Mug", Quantity = 1 } } }))
            .Response.StatusCode.Should().Be(HttpStatusCode.OK);
        var linnworks = factory.Client();
        Task<(HttpResponseMessage Response, JsonObject Body)> Stock(int quantity) =>
            linnworks.PostJson("/api/Product/InventoryUpdate", new { AuthorizationToken = tokenA, Products = new[] { new { SKU = "IS-1", Quantity = quantity } } });

        using var holder = new SqliteConnection($"Data Source={factory.DatabasePath}");
        holder.Open();
        var tx = holder.BeginTransaction(deferred: false);   // BEGIN IMMEDIATE: the write lock
        var updates = new List<Task<(HttpResponseMessage Response, JsonObject Body)>>();
        foreach (var quantity in new[] { 2, 3, 4 })
        {
            updates.Add(Stock(quantity));
            await Task.Delay(150);   // the first holds A's share (and a turn), the next two wait in A's queue
        }

        var pastItsShare = await Stock(5);
        var unknownToken = await linnworks.PostJson("/api/Order/Orders", new { AuthorizationToken = Guid.NewGuid().ToString(), UTCTimeFrom = "2026-01-01 00:00:00Z", PageNumber = 1 });
        var pageOfB = await linnworks.PostJson("/api/Order/Orders", new { AuthorizationToken = tokenB, UTCTimeFrom = "2026-01-01 00:00:00Z", PageNumber = 1 });
        var otherOfA = await linnworks.PostJson("/api/Order/Orders", new { AuthorizationToken = tokenA, UTCTimeFrom = "2026-01-01 00:00:00Z", PageNumber = 1 });
        updates.Should().OnlyContain(u => !u.IsCompleted, "the lock holds the first update, so every answer above came while it was held");
        tx.Rollback();

        pastItsShare.Response.StatusCode.Should().Be(HttpStatusCode.OK);
        pastItsShare.Body["Error"]!.GetValue<string>().Should().Be(LinnworksErrors.Overloaded, "A's own queue is full; Linnworks retries it");
        unknownToken.Body["Error"]!.GetValue<string>().Should().Be(LinnworksErrors.InvalidToken, "a token naming nobody waits in a share of its own, not in A's");
        pageOfB.Body["Error"].Should().BeNull("A's calls hold one of the two turns, not both");
        otherOfA.Body["Error"]!.GetValue<string>().Should().Be(LinnworksErrors.Overloaded, "a call of A's own waits in A's queue, full");
        (await Task.WhenAll(updates)).Should().OnlyContain(u => u.Body["Error"] == null && u.Body["Products"]![0]!["Error"] == null);
        var stored = (await factory.ChannelClient(keyA).GetFromJsonAsync<JsonObject>($"/api/channel/v1/stores/{storeA}/updates"))!["Updates"]!.AsArray();
        stored.Should().HaveCount(3, "the three queued updates were applied, the refused one not");
    }

    [Fact]
    public async Task AStoresIntegrations_ShareOneShare_SoASecondIntegrationOfTheStoreWaitsBehindTheFirst()
    {
        // A store's owner may link as many integrations as it makes (ADR-043): each with a share of its own, two of them
        // would hold both turns.
        var (tokenA, storeA, keyA) = await factory.Integrate();
        var (tokenB, _, _) = await factory.Integrate();
        var linnworks = factory.Client();
        var secondOfA = await linnworks.AddNewUser("Second account");
        (await linnworks.SaveConfig(secondOfA, "ConnectStore", ("StoreId", storeA), ("StoreKey", keyA))).Body["Error"].Should().BeNull();
        (await linnworks.SaveConfig(secondOfA, "OrderSettings")).Body["Error"].Should().BeNull();
        (await factory.ChannelClient(keyA).PostJson($"/api/channel/v1/stores/{storeA}/products", new { Products = new[] { new { SKU = "SS-1", Title = "Mug", Quantity = 1 } } }))
            .Response.StatusCode.Should().Be(HttpStatusCode.OK);
        Task<(HttpResponseMessage Response, JsonObject Body)> Page(string token) =>
            linnworks.PostJson("/api/Order/Orders", new { AuthorizationToken = token, UTCTimeFrom = "2026-01-01 00:00:00Z", PageNumber = 1 });

        using var holder = new SqliteConnection($"Data Source={factory.DatabasePath}");
        holder.Open();
        var tx = holder.BeginTransaction(deferred: false);   // BEGIN IMMEDIATE: the write lock
        var updates = new List<Task<(HttpResponseMessage Response, JsonObject Body)>>();
        foreach (var quantity in new[] { 2, 3, 4 })
        {
            updates.Add(linnworks.PostJson("/api/Product/InventoryUpdate", new { AuthorizationToken = tokenA, Products = new[] { new { SKU = "SS-1", Quantity = quantity } } }));
            await Task.Delay(150);   // the first holds the store's share, the next two wait in its queue
        }

        var pageOfSecond = await Page(secondOfA);
        var pageOfB = await Page(tokenB);
        updates.Should().OnlyContain(u => !u.IsCompleted, "the lock holds the first update, so every answer above came while it was held");
        tx.Rollback();

        pageOfSecond.Body["Error"]!.GetValue<string>().Should().Be(LinnworksErrors.Overloaded, "the store's queue is full, whichever of its integrations calls");
        pageOfB.Body["Error"].Should().BeNull("store A's integrations hold one of the two turns, not both");
        (await Task.WhenAll(updates)).Should().OnlyContain(u => u.Body["Error"] == null && u.Body["Products"]![0]!["Error"] == null);
    }

    [Fact]
    public async Task ABodyWhoseFirstTokenNamesNobody_IsRefused_WhateverTokenItBindsTo()
    {
        var (token, _, _) = await factory.Integrate();
        var body = $$"""{"AuthorizationToken":"{{Guid.NewGuid()}}","authorizationtoken":"{{token}}"}""";

        var response = await factory.Client().PostAsync("/api/Config/ConfigTest", new StringContent(body, Encoding.UTF8, "application/json"));

        (await ApiClientExtensions.ReadObject(response))["Error"]!.GetValue<string>().Should().Be(
            LinnworksErrors.InvalidToken, "the call waited as the unknown token its body named first; it may not be served as another");
    }

    [Fact]
    public async Task ABodyInAnotherCharset_IsServedAfterItsTurn()
    {
        var (token, _, _) = await factory.Integrate();
        var body = Encoding.Unicode.GetBytes($$"""{"AuthorizationToken":"{{token}}"}""");
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json") { CharSet = "utf-16" };

        var response = await factory.Client().PostAsync("/api/Config/ConfigTest", content);

        (await ApiClientExtensions.ReadObject(response))["Error"].Should().BeNull("its token is read after the turn, as every call's is checked");
    }
}
