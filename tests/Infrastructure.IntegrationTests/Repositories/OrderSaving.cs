using ChannelBridge.Domain.Orders;

namespace ChannelBridge.Infrastructure.IntegrationTests.Repositories;

/// <summary>Saves orders as the application does: each with its download rendered by the service's own renderer.</summary>
internal static class OrderSaving
{
    public static Task SaveChangesAsync(this IOrderRepository orders, IReadOnlyList<ChannelOrder> changed, CancellationToken cancellationToken) =>
        orders.SaveChangesAsync([.. changed.Select(DatabaseFixture.Renderer.ToSave)], cancellationToken);

    public static Task SaveErasedAsync(this IOrderRepository orders, IReadOnlyList<ChannelOrder> erased, CancellationToken cancellationToken) =>
        orders.SaveErasedAsync([.. erased.Select(DatabaseFixture.Renderer.ToSave)], cancellationToken);

    public static Task<StoreUpdate> SaveWithFeedEntryAsync(this IOrderRepository orders, ChannelOrder order, StoreUpdate feedEntry, CancellationToken cancellationToken) =>
        orders.SaveWithFeedEntryAsync(DatabaseFixture.Renderer.ToSave(order), feedEntry, cancellationToken);
}
