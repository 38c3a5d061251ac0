namespace ChannelBridge.Application.Stores.GetStore;

public sealed record GetStoreQuery(string StoreId) : IChannelRequest<StoreResponse>;
