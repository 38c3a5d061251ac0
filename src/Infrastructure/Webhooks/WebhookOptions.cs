using System.ComponentModel.DataAnnotations;

namespace ChannelBridge.Infrastructure.Webhooks;

/// <summary>Section <c>Webhooks</c>.</summary>
public sealed class WebhookOptions
{
    public const string SectionName = "Webhooks";

    /// <summary>Run the delivery worker on this node (every node may; a lease makes one deliver each store).</summary>
    public bool DeliveryEnabled { get; set; } = true;

    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest wait between attempts; failures back off 1 s, 2 s, 4 s … up to this, and never stop.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "06:00:00")]
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The longest Retry-After (on 429 or 503) that is honoured; a receiver asking for more is tried again after this.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromHours(1);

    /// <summary>A webhook failing without a break this long is disabled (the feed keeps every update; one call enables it again).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "90.00:00:00")]
    public TimeSpan DisableAfter { get; set; } = TimeSpan.FromDays(5);

    [Range(typeof(TimeSpan), "00:00:01", "00:01:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Stores delivered to at once on this node, <see cref="SlowReceiverSlots"/> of them kept for slow receivers. Each
    /// delivery mostly waits on its receiver, so a receiver that is slow or hangs takes one of these, and the other stores'
    /// deliveries go on in the rest.
    /// </summary>
    [Range(1, 256)]
    public int MaxConcurrentDeliveries { get; set; } = 20;

    /// <summary>
    /// Of <see cref="MaxConcurrentDeliveries"/>, the slots kept for slow receivers (ADR-033): a store whose receiver held a
    /// slot past <see cref="SlowReceiverThreshold"/> is delivered in these for <see cref="SlowReceiverFor"/> (in the others
    /// only while no store answering in time is due), so slow or hanging receivers, however many, leave the other slots to
    /// the stores whose receivers answer in time. 0 keeps no lanes: every store shares every slot.
    /// </summary>
    [Range(0, 255)]
    public int SlowReceiverSlots { get; set; } = 4;

    /// <summary>An attempt (the request with its retries) holding its slot this long makes its receiver slow; the slot it held counts as a slow one from then.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan SlowReceiverThreshold { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>How long a receiver counts as slow after its last slow attempt, however it answers meanwhile.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan SlowReceiverFor { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// How long one store's delivery keeps its slot before it goes behind the stores that have waited longer (it goes on at
    /// its next turn, from its cursor). Bounds what a long backlog at a receiver just under the threshold holds.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan TurnLength { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a node's hold on a store lasts unless renewed: the node renews every lease it holds a third of this apart,
    /// so a node that dies frees its stores within this long.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(15);

    [Range(1, 500)]
    public int BatchSize { get; set; } = 50;

    /// <summary>The slots for receivers that answer in time.</summary>
    public int FastReceiverSlots => MaxConcurrentDeliveries - SlowReceiverSlots;

    /// <summary>
    /// The most deliveries a node runs at once: its slots, and as many again as are kept for fast receivers, for the
    /// deliveries that turned slow and run on to their timeouts (ADR-033).
    /// </summary>
    public int DeliveriesCeiling => MaxConcurrentDeliveries + FastReceiverSlots;

    /// <summary>Allow loopback, RFC 1918, CGNAT and unique-local destinations (development and tests). Link-local, metadata and multicast stay refused.</summary>
    public bool AllowPrivateNetworks { get; set; }

    /// <summary>Allow plain http URLs (development and tests); otherwise only https.</summary>
    public bool AllowHttp { get; set; }
}
