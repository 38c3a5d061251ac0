namespace ChannelBridge.Application.Stores.RotateStoreKey;

public sealed class StoreKeyResponse
{
    public string StoreKey { get; set; } = string.Empty;
}
