using System.Text.Json.Serialization;

namespace ChannelBridge.Application.Common;

/// <summary>What a Channel API upsert did with one item. On the wire by name ("Created"), the one spelling.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<UpsertStatus>))]
public enum UpsertStatus
{
    /// <summary>New: stored, and on its way to Linnworks.</summary>
    Created,

    /// <summary>Changed: stored, and sent to Linnworks again.</summary>
    Updated,

    /// <summary>The same as stored: nothing written, nothing sent again.</summary>
    Unchanged,

    /// <summary>Refused: its Errors say why; nothing written.</summary>
    Rejected,
}
