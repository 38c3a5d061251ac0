using System.ComponentModel.DataAnnotations;

namespace ChannelBridge.Application.Common.Linnworks;

/// <summary>Budgets for the Linnworks endpoints (section <c>Linnworks</c>). Linnworks drops a call after 10 s.</summary>
public sealed class LinnworksOptions
{
    public const string SectionName = "Linnworks";

    /// <summary>Work still running after this is cancelled and answered with an Error.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:00:09.500", ErrorMessage = "Linnworks:RequestDeadline must be between 50 ms and 9.5 s (Linnworks gives up at 10 s).")]
    public TimeSpan RequestDeadline { get; set; } = TimeSpan.FromSeconds(8);

    /// <summary>A request slower than this is logged as a warning.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:10")]
    public TimeSpan SlowRequestThreshold { get; set; } = TimeSpan.FromSeconds(5);
}
