using ChannelBridge.Application.Common.Contracts;

namespace ChannelBridge.Application.Config;

/// <summary>Answer of UserConfig and SaveConfig: the step to show, or StepName "UserConfig" with the config screen's items.</summary>
public sealed class UserConfigResponse : LinnworksResponse
{
    public string? StepName { get; set; }

    public string? AccountName { get; set; }

    public string? WizardStepTitle { get; set; }

    public string? WizardStepDescription { get; set; }

    public IReadOnlyList<ConfigItemDto> ConfigItems { get; set; } = [];
}
