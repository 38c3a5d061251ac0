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

    /// <summary>Serve /swagger in Production too (it is always served in other environments).</summary>
    public bool ExposeOpenApi { get; set; }

    /// <summary>
    /// Addresses of the reverse proxies whose X-Forwarded-For/-Proto are believed (e.g. "10.0.0.5"). Empty: the
    /// socket peer is the client, and forwarded headers are ignored, so nobody can choose the address that
    /// failed-authentication limits count against.
    /// </summary>
    public string[] KnownProxies { get; set; } = [];
}
