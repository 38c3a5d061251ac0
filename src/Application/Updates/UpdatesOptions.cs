using System.ComponentModel.DataAnnotations;

namespace ChannelBridge.Application.Updates;

/// <summary>Section <c>Updates</c>: the store's updates feed, what Linnworks reports for the platform to read.</summary>
public sealed class UpdatesOptions
{
    public const string SectionName = "Updates";

    /// <summary>
    /// The most characters (payloads and keys) of despatches, cancellations, refunds, stock and price levels one store's
    /// feed may hold (0: any number); listing jobs have their own limit. Past it, each of these Linnworks reports is
    /// answered with an Error and nothing is recorded (ADR-039): an integration's token alone added 149 MB of stock levels
    /// in 20 seconds, and entries stay until the platform has read them and the store's retention has passed. A stock
    /// level takes about 120 characters, so the default holds about 80 million entries.
    /// </summary>
    [Range(0, long.MaxValue, ErrorMessage = "Updates:MaxFeedCharsPerStore must be 0 (no limit) or a number of characters.")]
    public long MaxFeedCharsPerStore { get; set; } = 10_000_000_000;

    /// <summary>
    /// Days an entry the platform has read (acknowledged, or its webhook delivered) stays on the feed at most; the store's
    /// personal-data retention deletes it sooner when shorter (ADR-018). A store that keeps personal data until erased on
    /// request (retention 0) still has its read entries deleted after this, so an honest store's feed does not grow until
    /// <see cref="MaxFeedCharsPerStore"/> refuses its sellers' despatches. 0 keeps them as long as the personal-data
    /// retention does.
    /// </summary>
    [Range(0, 3650)]
    public int DeliveredRetentionDays { get; set; } = 30;
}
