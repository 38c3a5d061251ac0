namespace ChannelBridge.Domain.UserConfigs;

/// <summary>
/// The value an integration holds for one config item. Secret values are encrypted by the repository at rest and,
/// once loaded, stay sealed until something reads <see cref="Value"/> (<see cref="Sealed"/>): a Linnworks call that
/// never needs the StoreKey never decrypts it, and never holds it in clear.
/// </summary>
public sealed record ConfigValue
{
    private readonly string? _value;
    private readonly Lazy<string>? _sealed;

    public ConfigValue(string configItemId, string value, bool isSecret)
    {
        ConfigItemId = configItemId;
        _value = value;
        IsSecret = isSecret;
    }

    private ConfigValue(string configItemId, Func<string> reveal)
    {
        ConfigItemId = configItemId;
        _sealed = new Lazy<string>(reveal, LazyThreadSafetyMode.ExecutionAndPublication);
        IsSecret = true;
    }

    public string ConfigItemId { get; }

    /// <summary>The value in clear; a sealed secret is revealed (decrypted) on the first read.</summary>
    public string Value => _value ?? _sealed!.Value;

    public bool IsSecret { get; }

    /// <summary>False while a sealed secret has not been read.</summary>
    public bool IsRevealed => _sealed is null || _sealed.IsValueCreated;

    /// <summary>A stored secret, revealed by <paramref name="reveal"/> only when <see cref="Value"/> is read.</summary>
    public static ConfigValue Sealed(string configItemId, Func<string> reveal) => new(configItemId, reveal);

    public bool Equals(ConfigValue? other) =>
        other is not null && ConfigItemId == other.ConfigItemId && IsSecret == other.IsSecret && Value == other.Value;

    public override int GetHashCode() => HashCode.Combine(ConfigItemId, IsSecret);

    /// <summary>Never the secret: a value logged or shown in a test failure prints masked.</summary>
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append($"ConfigItemId = {ConfigItemId}, Value = {(IsSecret ? UserConfig.SecretMask : Value)}, IsSecret = {IsSecret}");
        return true;
    }
}
