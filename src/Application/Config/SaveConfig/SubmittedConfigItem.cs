namespace ChannelBridge.Application.Config.SaveConfig;

/// <summary>
/// A config item as SaveConfig sends it back. Only the id and the value are read: the rest of the
/// definition is ours, so a client cannot loosen a rule by editing it.
/// </summary>
public sealed record SubmittedConfigItem
{
    public string? ConfigItemId { get; init; }

    /// <summary>Always a string on the wire ("True", "12"); numbers and booleans are accepted too.</summary>
    public string? SelectedValue { get; init; }
}
