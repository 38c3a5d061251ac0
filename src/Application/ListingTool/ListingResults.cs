using System.Text.Json.Serialization;

namespace ChannelBridge.Application.ListingTool;

/// <summary>The platform's outcome of one listing job, as CheckFeed gives it to Linnworks.</summary>
public sealed class ListingResultDto
{
    public string? SKU { get; set; }

    /// <summary>The platform's id for the listing (a number or a string).</summary>
    public string? ExternalListingId { get; set; }

    public string? URL { get; set; }

    public List<FeedMessageDto> Messages { get; set; } = [];

    /// <summary>One per listing: the listing itself, or each variation (child SKU); Reference is what Products reports.</summary>
    public List<ChannelReferenceDto> ChannelReferences { get; set; } = [];

    [JsonIgnore]
    public bool Failed => Messages.Any(m => m.ProductFeedMessageType == ProductFeedMessageType.Error);
}

public sealed class FeedMessageDto
{
    public ProductFeedMessageType ProductFeedMessageType { get; set; } = ProductFeedMessageType.Error;

    public string Message { get; set; } = string.Empty;
}

public sealed class ChannelReferenceDto
{
    public string SKU { get; set; } = string.Empty;

    public string Reference { get; set; } = string.Empty;
}
