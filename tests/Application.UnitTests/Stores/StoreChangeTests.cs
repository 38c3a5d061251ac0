using ChannelBridge.Application.Stores.DisableStore;
using ChannelBridge.Domain.Common;

namespace ChannelBridge.Application.UnitTests.Stores;

/// <summary>Store changes at the handler: a concurrent change of the same store is retried on the fresh store.</summary>
public class StoreChangeTests
{
    [Fact]
    public async Task AChangeThatLostARace_IsAppliedAgainOnTheFreshStore()
    {
        using var services = new TestServices();
        var (store, _) = services.AddStore();
        services.Stores.ConflictsToThrow = 2;

        var result = await services.SendAsync(new DisableStoreCommand(store.Id));

        result.IsSuccess.Should().BeTrue();
        services.Stores.Saves.Should().Be(3, "two saves lost to another writer, the third landed");
        (await services.Stores.GetByIdAsync(store.Id, default))!.IsActive.Should().BeFalse();
    }

    [Fact]
    public async Task PastTheAttempts_TheCallerIsToldToRetry_AndNothingIsSaved()
    {
        using var services = new TestServices();
        var (store, _) = services.AddStore();
        services.Stores.ConflictsToThrow = int.MaxValue;

        var result = await services.SendAsync(new DisableStoreCommand(store.Id));

        result.Errors.Single().Kind.Should().Be(ErrorKind.Conflict);
        services.Stores.Saves.Should().Be(Application.Common.ConflictRetry.DefaultAttempts);
    }

    [Fact]
    public async Task AnUnknownStore_IsNotFound()
    {
        using var services = new TestServices();

        var result = await services.SendAsync(new DisableStoreCommand("no-such-store"));

        result.Errors.Single().Kind.Should().Be(ErrorKind.NotFound);
        services.Stores.Saves.Should().Be(0);
    }
}
