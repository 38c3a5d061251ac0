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
}
