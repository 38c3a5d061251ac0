using ChannelBridge.Application.Common.Linnworks;

namespace ChannelBridge.Application.Config;

/// <summary>
/// Answer of UserConfig and SaveConfig: the step to show, or StepName "UserConfig" with the config screen's
/// items. The required strings are "" (never null) in an error answer too.
/// </summary>
public sealed class UserConfigResponse : LinnworksResponse
{
    public string StepName { get; set; } = string.Empty;

    public string AccountName { get; set; } = string.Empty;

    public string WizardStepTitle { get; set; } = string.Empty;

    public string WizardStepDescription { get; set; } = string.Empty;

    public IReadOnlyList<ConfigItemDto> ConfigItems { get; set; } = [];
}
