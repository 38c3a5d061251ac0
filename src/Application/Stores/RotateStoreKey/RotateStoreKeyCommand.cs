namespace ChannelBridge.Application.Stores.RotateStoreKey;

public sealed record RotateStoreKeyCommand(string StoreId) : IChannelRequest<StoreKeyResponse>;
