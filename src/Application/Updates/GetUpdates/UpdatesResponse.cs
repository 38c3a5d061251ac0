using System.Text.Json;

namespace ChannelBridge.Application.Updates.GetUpdates;

public sealed class UpdatesResponse
{
    public IReadOnlyList<UpdateDto> Updates { get; set; } = [];

    /// <summary>Pass as <c>after</c> to read on, and to <c>ack</c> once these are handled.</summary>
    public long NextCursor { get; set; }
}

public sealed class UpdateDto
{
    public long Cursor { get; set; }

    /// <summary>Despatch, Cancel, Refund, Inventory, Price, ListingCreate, ListingUpdate or ListingDelete.</summary>
    public string Type { get; set; } = string.Empty;

    /// <summary>When Linnworks told the service; <c>0001-01-01</c> for one whose stored date could not be read (damaged in the database).</summary>
    public DateTime ReceivedUtc { get; set; }

    /// <summary>For a refund, the RefundReference Linnworks was given; for a listing job, its SKU; null otherwise.</summary>
    public string? Reference { get; set; }

    /// <summary>
    /// What Linnworks sent, naming the order or listing as the store holds it (the reference or SKU trimmed, a listing's
    /// own Reference, a price as the listing keeps it; a despatch's blank vendor and method NONE and Default, its unset
    /// ProcessedOn null); null only with <see cref="Error"/>.
    /// </summary>
    public JsonElement? Payload { get; set; }

    /// <summary>
    /// Left out, unless the update's stored payload could not be read (it was changed or damaged in the database): then it
    /// says so, the payload is null, and the update can be acknowledged like any other so that the feed reads on. Left
    /// out rather than null, as in a webhook's body, so a client that refuses fields it does not know reads on unchanged.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? Error { get; set; }
}
