namespace ChannelBridge.Domain.UserConfigs;

/// <summary>The ValueType values Linnworks knows. Serialised upper-case (STRING, INT …).</summary>
public enum ConfigValueType
{
    String,
    Int,
    Double,
    Boolean,
    Password,
    List,
}
