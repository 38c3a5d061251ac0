using ChannelBridge.Application.Common.Linnworks;

namespace ChannelBridge.Application.Config.SaveConfig;

/// <summary>The values of the step Linnworks thinks it is on (the whole item array, only SelectedValue changed).</summary>
public sealed record SaveConfigCommand : ILinnworksRequest<UserConfigResponse>, IRequireAuthToken
{
    public string? AuthorizationToken { get; init; }

    public string? StepName { get; init; }

    public IReadOnlyList<SubmittedConfigItem>? ConfigItems { get; init; }
}
