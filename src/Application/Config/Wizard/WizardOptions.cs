using ChannelBridge.Domain.UserConfigs;

namespace ChannelBridge.Application.Config.Wizard;

/// <summary>
/// The operator's wizard (section <c>Wizard</c>). Leave <see cref="Steps"/> empty for the built-in
/// ConnectStore → OrderSettings wizard. Checked at start-up by the domain's rules.
/// </summary>
public sealed class WizardOptions
{
    public const string SectionName = "Wizard";

    public List<WizardStepOptions> Steps { get; set; } = [];

    public string? ConfigTitle { get; set; }

    public string? ConfigDescription { get; set; }
}

public sealed class WizardStepOptions
{
    public string? Name { get; set; }

    public string? Title { get; set; }

    public string? Description { get; set; }

    public List<ConfigItemOptions> Items { get; set; } = [];
}

public sealed class ConfigItemOptions
{
    public string? ConfigItemId { get; set; }

    public string? Name { get; set; }

    public string? Description { get; set; }

    public string? GroupName { get; set; }

    public int SortOrder { get; set; }

    public ConfigValueType ValueType { get; set; } = ConfigValueType.String;

    public bool MustBeSpecified { get; set; }

    public string? DefaultValue { get; set; }

    public string? RegExValidation { get; set; }

    public string? RegExError { get; set; }

    public bool ReadOnly { get; set; }

    public bool HidesHeaderAttribute { get; set; }

    public List<ListValue> ListValues { get; set; } = [];
}
