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

    /// <summary>Despatch, Cancel or Refund.</summary>
    public string Type { get; set; } = string.Empty;

    public DateTime ReceivedUtc { get; set; }

    /// <summary>Only set for a refund: the RefundReference Linnworks was given.</summary>
    public string? Reference { get; set; }

    /// <summary>What Linnworks sent, as it sent it (for Despatch with NONE/Default filled in); null only with <see cref="Error"/>.</summary>
    public JsonElement? Payload { get; set; }

    /// <summary>
    /// Left out, unless the update's stored payload could not be read (it was changed or damaged in the database): then it
    /// says so, the payload is null, and the update can be acknowledged like any other so that the feed reads on. Left
    /// out rather than null, as in a webhook's body, so a client that refuses fields it does not know reads on unchanged.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? Error { get; set; }
}
