using ChannelBridge.Tests;
using Dapper;
using Microsoft.Data.Sqlite;

namespace ChannelBridge.Api.FunctionalTests.Features.Webhooks;

/// <summary>Leases of a second, renewed a third of that apart.</summary>
public sealed class ShortLeaseWebhookApiFactory : LoopbackWebhookApiFactory
{
    protected override IDictionary<string, string> WebhookSettings => new Dictionary<string, string>
    {
        ["LeaseDuration"] = "00:00:01",
        ["RequestTimeout"] = "00:01:00",
    };
}

/// <summary>A node keeps the stores it delivers to while it lives, however long a request takes, with short leases.</summary>
public class WebhookLeaseTests(ShortLeaseWebhookApiFactory factory) : IClassFixture<ShortLeaseWebhookApiFactory>
{
    [Fact]
    public async Task ARequestOutlastingTheLease_KeepsItsStore_TheNodeRenewingTheLease()
    {
        await using var hanging = await WebhookReceiver.StartAsync(WebhookReceiver.NewSecret());
        hanging.Hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var store = await WebhookLaneTests.Store(factory, hanging, "LL", orders: 1);
        (await factory.Client().PostJson("/api/Order/Despatch", new { AuthorizationToken = store.Token, Orders = new[] { new { ReferenceNumber = "LL-1" } } })).Body["Error"].Should().BeNull();
        await Eventually.True(() => hanging.Held == 1, "the delivery is held");

        await Task.Delay(TimeSpan.FromSeconds(2.5)); // two and a half leases
        await using var database = new SqliteConnection($"Data Source={factory.DatabasePath}");
        var (owner, until) = await database.QuerySingleAsync<(string?, string?)>("SELECT LeaseOwner, LeaseUntilUtc FROM StoreWebhooks WHERE StoreId = @StoreId", new { store.StoreId });
        owner.Should().NotBeNull("the node still holds the store");
        DateTime.Parse(until!, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal)
            .Should().BeAfter(DateTime.UtcNow, "the lease is renewed while the request runs, so no other node takes the store");
        hanging.Held.Should().Be(1, "the one request is still under way, not sent again");

        hanging.Hold.SetResult();
        await Eventually.True(() => hanging.AcceptedIds().Count == 1, "the held delivery completes");
    }
}
