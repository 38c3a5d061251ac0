namespace ChannelBridge.Domain.UserConfigs;

/// <summary>The value an integration holds for one config item. Secret values are encrypted by the repository at rest.</summary>
public sealed record ConfigValue(string ConfigItemId, string Value, bool IsSecret);
