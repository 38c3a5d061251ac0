namespace ChannelBridge.Application.Stores.DisableStore;

public sealed record DisableStoreCommand(string StoreId) : IChannelRequest<StoreResponse>;
