namespace ChannelBridge.Api.Infrastructure;

/// <summary>Section <c>Manifest</c>: what the Linnworks developer portal's app module needs.</summary>
public sealed class ManifestOptions
{
    public const string SectionName = "Manifest";

    /// <summary>Unique, upper case, no spaces; becomes the order Source in Linnworks.</summary>
    public string ChannelName { get; set; } = "CHANNELBRIDGE";

    public string ChannelFriendlyName { get; set; } = "ChannelBridge";

    /// <summary>57x57 px logo.</summary>
    public string? ChannelLogoUrl { get; set; }

    /// <summary>The address Linnworks reaches this service at (e.g. https://bridge.example.com). Empty: the request's own scheme and host.</summary>
    public Uri? PublicBaseUrl { get; set; }
}
