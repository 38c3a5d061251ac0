using System.Net;
using ChannelBridge.Api.FunctionalTests.Features.Orders;
using Microsoft.Data.Sqlite;

namespace ChannelBridge.Api.FunctionalTests.CrossCutting.Limits;

/// <summary>
/// Two turns for Linnworks and the Channel API, one of them at most the Channel API's; a Channel API key may have a
/// quarter of the queue limit (two) waiting.
/// </summary>
public sealed class OneTurnEachLaneApiFactory : ApiFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Api:MaxConcurrentRequests"] = "2",
        ["Api:MaxConcurrentChannelRequests"] = "1",
        ["Api:RequestQueueLimit"] = "8",
        ["RateLimits:LinnworksPerIntegrationPerMinute"] = "1000000",
        ["RateLimits:ChannelPerKeyPerMinute"] = "1000000",
    };
}

/// <summary>
/// The Channel API's share of the turns and its keys' shares of that (ADR-024), on the real server. Another writer holds
/// SQLite's write lock, so platform A's order push holds the Channel API's one turn for as long as the test likes, with
/// A's next pushes waiting behind it. Meanwhile Linnworks is served, a wrong key is refused at once, and A's push past its share of the
/// queue is answered 429. Once the lock goes, platform B, which pushed after all of A's pushes, is stored before A's
/// waiting ones: it waited behind A's one turn, not behind A's queue.
/// </summary>
public class ChannelLaneTests(OneTurnEachLaneApiFactory factory) : IClassFixture<OneTurnEachLaneApiFactory>
{
    [Fact]
    public async Task APlatformsPushesHeldOnTheLock_QueueNeitherLinnworksNorARefusal_NorAnotherPlatformBehindAllOfThem()
    {
        var (token, storeA, keyA) = await factory.Integrate();
        var (storeB, keyB) = await factory.CreateStore("Platform B");
        var platformA = factory.ChannelClient(keyA);
        var platformB = factory.ChannelClient(keyB);
        var linnworks = factory.Client();
        using var holder = new SqliteConnection($"Data Source={factory.DatabasePath}");
        holder.Open();
        var tx = holder.BeginTransaction(deferred: false);   // BEGIN IMMEDIATE: the write lock
        var pushes = new List<Task<HttpResponseMessage>>();
        foreach (var reference in new[] { "A-1", "A-2", "A-3" })
        {
            pushes.Add(platformA.PostAsJsonAsync($"/api/channel/v1/stores/{storeA}/orders", new { Orders = new[] { OrderBuilder.Order(reference) } }));
            await Task.Delay(150);   // in this order: A-1 takes the turn, A-2 and A-3 wait in A's queue
        }

        var pastItsShare = await platformA.PostJson($"/api/channel/v1/stores/{storeA}/orders", new { Orders = new[] { OrderBuilder.Order("A-4") } });
        var wrongKey = await factory.ChannelClient("not-a-key").GetAsync($"/api/channel/v1/stores/{storeB}");
        var page = await linnworks.PostJson("/api/Order/Orders", new { AuthorizationToken = token, UTCTimeFrom = "2026-01-01 00:00:00Z", PageNumber = 1 });
        var platformBAsks = platformB.PostAsJsonAsync($"/api/channel/v1/stores/{storeB}/orders", new { Orders = new[] { OrderBuilder.Order("B-1") } });
        await Task.Delay(300);
        pushes.Should().OnlyContain(p => !p.IsCompleted, "the lock holds A-1, and A-1 holds the turn");
        platformBAsks.IsCompleted.Should().BeFalse("B's call waits for the Channel API's one turn");
        tx.Rollback();

        var (pushed, asked) = (await Task.WhenAll(pushes), await platformBAsks);
        pastItsShare.Response.StatusCode.Should().Be(HttpStatusCode.TooManyRequests, pastItsShare.Body.ToJsonString());
        pastItsShare.Response.Headers.RetryAfter.Should().NotBeNull();
        pastItsShare.Body["detail"]!.GetValue<string>().Should().Contain("This key has as many requests waiting as it may");
        wrongKey.StatusCode.Should().Be(HttpStatusCode.Unauthorized, "a refusal takes no turn, so it is answered while the lane is held");
        page.Body["Error"].Should().BeNull("A's pushes take one of the two turns, not both");
        pushed.Should().OnlyContain(p => p.StatusCode == HttpStatusCode.OK);
        asked.StatusCode.Should().Be(HttpStatusCode.OK);
        // Whichever of A's pushes took the turn is stored before B's; the two waiting in A's queue after it. The order the
        // service stored them in says so, where the client's clocks can be reordered by a loaded machine.
        StoredInOrder(["A-1", "A-2", "A-3", "B-1"]).IndexOf("B-1").Should().BeLessThanOrEqualTo(1, "B waited behind the push in A's turn, not behind A's queue");
        var after = await linnworks.PostJson("/api/Order/Orders", new { AuthorizationToken = token, UTCTimeFrom = "2026-01-01 00:00:00Z", PageNumber = 1 });
        after.Body["Orders"]!.AsArray().Select(o => o!["ReferenceNumber"]!.GetValue<string>()).Should().BeEquivalentTo(["A-1", "A-2", "A-3"], "a refused push changes nothing");
    }

    [Fact]
    public async Task ARequestGivenUpWhileItWaits_LeavesItsPlaceInItsKeysQueue()
    {
        var (storeId, key) = await factory.CreateStore("Platform C");
        var platform = factory.ChannelClient(key);
        Task<HttpResponseMessage> Push(string reference, CancellationToken cancellation = default) =>
            platform.PostAsJsonAsync($"/api/channel/v1/stores/{storeId}/orders", new { Orders = new[] { OrderBuilder.Order(reference) } }, cancellation);

        using var holder = new SqliteConnection($"Data Source={factory.DatabasePath}");
        holder.Open();
        var tx = holder.BeginTransaction(deferred: false);
        var inTheTurn = Push("C-1");
        await Task.Delay(150);
        using var giveUp = new CancellationTokenSource();
        var abandoned = Push("C-2", giveUp.Token);
        var waiting = Push("C-3");
        await Task.Delay(150);   // C-2 and C-3 fill C's queue of two
        await giveUp.CancelAsync();
        await FluentActions.Awaiting(() => abandoned).Should().ThrowAsync<OperationCanceledException>();
        await Task.Delay(300);   // the service sees the connection closed
        var next = Push("C-4");
        await Task.Delay(300);
        next.IsCompleted.Should().BeFalse("C-4 waits in the place C-2 left, and is not refused 429");
        tx.Rollback();

        (await Task.WhenAll(inTheTurn, waiting, next)).Should().OnlyContain(r => r.StatusCode == HttpStatusCode.OK);
    }

    private List<string> StoredInOrder(string[] references)
    {
        using var connection = new SqliteConnection($"Data Source={factory.DatabasePath}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT ReferenceNumber FROM Orders WHERE ReferenceNumber IN ({string.Join(", ", references.Select((_, i) => "$r" + i))}) ORDER BY Id";
        for (var i = 0; i < references.Length; i++)
        {
            command.Parameters.AddWithValue("$r" + i, references[i]);
        }

        using var reader = command.ExecuteReader();
        var stored = new List<string>();
        while (reader.Read())
        {
            stored.Add(reader.GetString(0));
        }

        return stored;
    }
}
