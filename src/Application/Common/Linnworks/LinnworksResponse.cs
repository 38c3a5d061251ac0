using System.Text.Json.Serialization;

namespace ChannelBridge.Application.Common.Linnworks;

/// <summary>
/// Linnworks' BaseResponse. Every Linnworks endpoint answers HTTP 200 with <see cref="Error"/>
/// null on success or set on failure; derived responses default their arrays to empty so that
/// <c>new T { Error = … }</c> is the endpoint's default response shape.
/// </summary>
public abstract class LinnworksResponse
{
    [JsonPropertyOrder(-1)]
    public string? Error { get; set; }
}
