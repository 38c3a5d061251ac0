using System.ComponentModel.DataAnnotations;

namespace ChannelBridge.Api.Infrastructure;

/// <summary>Section <c>Api</c>.</summary>
public sealed class ApiOptions
{
    public const string SectionName = "Api";

    [Range(1024, 64 * 1024 * 1024)]
    public long MaxLinnworksRequestBytes { get; set; } = 4 * 1024 * 1024;

    [Range(1024, 64 * 1024 * 1024)]
    public long MaxChannelRequestBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>
    /// Bytes of request bodies the node holds at once, read before their requests' turns (ADR-023); a body that would
    /// pass it is refused at once as busy (Linnworks: Error, retry; Channel API: 503). One Channel API key may hold a
    /// quarter of it, and neither Linnworks' bodies nor the Channel API's together more than three quarters
    /// (<see cref="RequestBodyBudget"/>). At least the larger of the two body limits.
    /// </summary>
    [Range(1024, long.MaxValue)]
    public long MaxRequestBodyBytesHeld { get; set; } = 128 * 1024 * 1024;

    /// <summary>
    /// The slowest a body may arrive, on average, once it has had five seconds (Kestrel's grace period), as Kestrel's
    /// server-wide <c>MinRequestBodyDataRate</c>: held ahead of its turn, a body's bytes count against
    /// <see cref="MaxRequestBodyBytesHeld"/> until it is answered, so a body sent slowly would hold its share of the
    /// budget for as long as its sender likes. Kestrel's own minimum is 240 bytes a second; 0 keeps it.
    /// </summary>
    [Range(0, 64 * 1024 * 1024)]
    public double MinRequestBodyBytesPerSecond { get; set; } = 16 * 1024;

    /// <summary>
    /// Requests worked on at once in each lane (the wizard and connection test have their own; health checks none);
    /// the rest wait in arrival order (ADR-013). 0: four per processor. Past it, more work at once only shares the
    /// same cores and holds more memory.
    /// </summary>
    [Range(0, 10_000)]
    public int MaxConcurrentRequests { get; set; }

    /// <summary>
    /// Channel API requests worked on at once, or waiting in the lane they share with Linnworks' calls (ADR-024): a
    /// platform's uploads are never a queue in front of Linnworks, and each key may have at most this many past its own
    /// queue, so another key waits behind at most that many of one key's. 0: one per processor, and at least two. Fewer
    /// than <see cref="MaxConcurrentRequests"/>, so Linnworks always has a turn of its own (checked at start-up).
    /// </summary>
    [Range(0, 10_000)]
    public int MaxConcurrentChannelRequests { get; set; }

    /// <summary>
    /// Requests that may wait for a turn in each lane; one more is answered at once (Linnworks: Error, retry; Channel
    /// API: 503). One Channel API key may have a quarter of it waiting; one more of its requests is answered 429.
    /// </summary>
    [Range(0, 100_000)]
    public int RequestQueueLimit { get; set; } = 2_000;

    /// <summary>
    /// Send a W3C <c>Server-Timing</c> header (<c>app;dur=</c> milliseconds from the request's arrival, its wait for a turn
    /// included, to its answer being ready to send; <c>turn;dur=</c> the part of it before its turn began, its body read
    /// and its wait in the queue) on every buffered answer. Off by default; for load tests, which set the service's share
    /// of a latency apart from the client's and a wait from the work, and for diagnosis.
    /// </summary>
    public bool ServerTiming { get; set; }

    /// <summary>Serve /swagger in Production too (it is always served in other environments).</summary>
    public bool ExposeOpenApi { get; set; }

    /// <summary>
    /// Addresses of the reverse proxies whose X-Forwarded-For/-Proto are believed (e.g. "10.0.0.5"). Empty: the
    /// socket peer is the client, and forwarded headers are ignored, so nobody can choose the address that
    /// failed-authentication limits count against.
    /// </summary>
    public string[] KnownProxies { get; set; } = [];
}
