namespace ChannelBridge.Application.Updates.AcknowledgeUpdates;

/// <summary>Everything up to and including <paramref name="Cursor"/> was delivered to the platform.</summary>
public sealed record AcknowledgeUpdatesCommand(string StoreId, long? Cursor) : Stores.IChannelRequest<AcknowledgedResponse>;

public sealed class AcknowledgedResponse
{
    public long AcknowledgedCursor { get; set; }
}
