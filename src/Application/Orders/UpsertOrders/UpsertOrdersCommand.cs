namespace ChannelBridge.Application.Orders.UpsertOrders;

/// <summary>The channel pushes a batch of orders; each is created, updated, left unchanged or rejected.</summary>
public sealed record UpsertOrdersCommand(string StoreId, IReadOnlyList<OrderDto>? Orders) : Stores.IChannelRequest<UpsertOrdersResponse>;
