namespace ChannelBridge.Domain.UserConfigs;

/// <summary>One choice of a LIST item; <see cref="Value"/> comes back in SelectedValue.</summary>
public sealed record ListValue(string Display, string Value);
