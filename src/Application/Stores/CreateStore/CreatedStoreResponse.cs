namespace ChannelBridge.Application.Stores.CreateStore;

/// <summary>The only answer (with rotation) that shows the StoreKey; it is stored as a hash.</summary>
public sealed class CreatedStoreResponse
{
    public string StoreId { get; set; } = string.Empty;

    public string Name { get; set; } = string.Empty;

    public string StoreKey { get; set; } = string.Empty;

    public bool IsActive { get; set; }
}
