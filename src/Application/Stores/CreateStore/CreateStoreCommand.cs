namespace ChannelBridge.Application.Stores.CreateStore;

public sealed record CreateStoreCommand : IChannelRequest<CreatedStoreResponse>
{
    public string? Name { get; init; }
}
