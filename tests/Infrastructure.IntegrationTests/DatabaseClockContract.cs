using ChannelBridge.Domain.Stores;
using ChannelBridge.Infrastructure.Persistence.Clock;
using ChannelBridge.Infrastructure.Webhooks;
using ChannelBridge.Tests;
using Microsoft.Extensions.Logging;

namespace ChannelBridge.Infrastructure.IntegrationTests;

/// <summary>
/// The service keeps the database's time: a node whose clock is out of step takes the database's and says so, and two
/// nodes out of step with each other agree on who holds a store's webhook, and until when; on every provider.
/// </summary>
public abstract class DatabaseClockContract(DatabaseFixture database)
{
    private static readonly TimeSpan LeaseFor = TimeSpan.FromSeconds(15);

    [SkippableFact]
    public async Task ANodeOutOfStep_KeepsTheDatabasesTime_AndSaysSoOnce()
    {
        Skip.If(database.SkipReason is not null, database.SkipReason);
        var node = new MovableClock(TimeSpan.FromSeconds(-90));
        var clock = new DatabaseClock(node);
        var logger = new RecordingLogger<DatabaseClockSync>();
        var sync = new DatabaseClockSync(database.Connections, clock, logger);

        var offset = await sync.SyncOnceAsync(default);

        offset.Should().BeCloseTo(TimeSpan.FromSeconds(90), TimeSpan.FromSeconds(1), "the database runs on this machine's (or its container's) time");
        clock.Offset.Should().Be(offset!.Value);
        clock.GetUtcNow().Should().BeCloseTo(DateTimeOffset.UtcNow, TimeSpan.FromSeconds(1));
        logger.At(LogLevel.Warning).Should().ContainSingle().Which.Should().Contain("behind the database's");

        await sync.SyncOnceAsync(default);
        logger.At(LogLevel.Warning).Should().ContainSingle("an offset that stays is not logged again within the hour");
    }

    [SkippableFact]
    public async Task ANodeInStep_IsNotMoved_AndNothingIsLogged()
    {
        Skip.If(database.SkipReason is not null, database.SkipReason);
        var clock = new DatabaseClock(TimeProvider.System);
        var logger = new RecordingLogger<DatabaseClockSync>();

        var offset = await new DatabaseClockSync(database.Connections, clock, logger).SyncOnceAsync(default);

        offset.Should().BeCloseTo(TimeSpan.Zero, DatabaseClockSync.OutOfStep);
        logger.At(LogLevel.Warning).Should().BeEmpty();
    }

    [SkippableFact]
    public async Task TwoNodesOutOfStep_AgreeWhoHoldsAStoresWebhook_AndUntilWhen()
    {
        Skip.If(database.SkipReason is not null, database.SkipReason);
        var (store, _) = Store.Create("Clock " + Guid.NewGuid().ToString("N")[..6], DateTime.UtcNow).Value;
        await database.Stores.SaveAsync(store, default);
        await database.Webhooks.SaveAsync(Webhook.Create(store.Id, "https://example.com/hook", null, 0, DateTime.UtcNow.AddMinutes(-5)).Value, default);

        // Node B's clock runs 30 s ahead of node A's: by its own clock, A's 15-second lease would have run out already.
        var (nodeA, nodeB) = (new MovableClock(), new MovableClock(TimeSpan.FromSeconds(30)));
        var (a, b) = (await Synced(nodeA), await Synced(nodeB));

        var held = await Webhooks(a).TryClaimAsync("node-a", LeaseFor, WebhookRepository.DeliveryLane.Any, default);
        held.Should().NotBeNull();
        (await Webhooks(b).TryClaimAsync("node-b", LeaseFor, WebhookRepository.DeliveryLane.Any, default))
            .Should().BeNull("on the database's time node A holds the store for another 15 s");

        nodeA.MoveOn(LeaseFor + TimeSpan.FromSeconds(1));
        nodeB.MoveOn(LeaseFor + TimeSpan.FromSeconds(1));
        var taken = await Webhooks(b).TryClaimAsync("node-b", LeaseFor, WebhookRepository.DeliveryLane.Any, default);

        taken.Should().NotBeNull("node A's lease ran out");
        taken!.Webhook.StoreId.Should().Be(store.Id);
        held!.Webhook.Delivered(1, a.GetUtcNow().UtcDateTime);
        (await Webhooks(a).SaveDeliveredAsync(held, default)).Should().BeFalse("node A lost the lease, and knows it");
    }

    private async Task<DatabaseClock> Synced(TimeProvider node)
    {
        var clock = new DatabaseClock(node);
        (await new DatabaseClockSync(database.Connections, clock, new RecordingLogger<DatabaseClockSync>()).SyncOnceAsync(default)).Should().NotBeNull();
        return clock;
    }

    private WebhookRepository Webhooks(TimeProvider clock) => new(database.CallConnections, database.DataProtection, clock);
}

public sealed class SqliteDatabaseClockTests(SqliteDatabaseFixture database) : DatabaseClockContract(database), IClassFixture<SqliteDatabaseFixture>
{
    [Fact]
    public async Task ADatabaseThatCannotBeRead_LeavesTheOffsetAsItWas_AndTheNodeServing()
    {
        var unreachable = new Persistence.DbConnectionFactory(Microsoft.Extensions.Options.Options.Create(
            new Persistence.DatabaseOptions { ConnectionString = $"Data Source={Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "gone.db")};Mode=ReadOnly" }));
        var clock = new DatabaseClock(TimeProvider.System) { Offset = TimeSpan.FromSeconds(5) };
        var logger = new RecordingLogger<DatabaseClockSync>();

        (await new DatabaseClockSync(unreachable, clock, logger).SyncOnceAsync(default)).Should().BeNull();

        clock.Offset.Should().Be(TimeSpan.FromSeconds(5));
        logger.At(LogLevel.Warning).Should().ContainSingle().Which.Should().Contain("could not be read");
    }
}

[Trait("Category", "Docker")]
public sealed class SqlServerDatabaseClockTests(SqlServer.SqlServerDatabaseFixture database) : DatabaseClockContract(database), IClassFixture<SqlServer.SqlServerDatabaseFixture>;
