using ChannelBridge.Domain.Stores;
using ChannelBridge.Domain.UserConfigs;

namespace ChannelBridge.Domain.UnitTests;

internal static class TestData
{
    public static readonly DateTime Now = new(2026, 11, 25, 10, 0, 0, DateTimeKind.Utc);

    public static (Store Store, string Key) NewStore(string name = "Shop") => Store.Create(name, Now).Value;

    public static (UserConfig UserConfig, string Token) NewIntegration() =>
        UserConfig.Create("005d4263-5a0c-43ce-bdc5-526955604107", "seller@example.com", "My account", WizardDefinition.Default, Now).Value;

    public static Dictionary<string, string?> Values(params (string Id, string? Value)[] values) =>
        values.ToDictionary(v => v.Id, v => v.Value, StringComparer.OrdinalIgnoreCase);

    /// <summary>An integration that has completed the default wizard, linked to a fresh store.</summary>
    public static (UserConfig UserConfig, Store Store, string Key) CompletedIntegration()
    {
        var (store, key) = NewStore();
        var (config, _) = NewIntegration();
        config.SaveStep("ConnectStore", Values(("StoreId", store.Id), ("StoreKey", key)), WizardDefinition.Default, store.Access, Now).IsSuccess.Should().BeTrue();
        config.SaveStep("OrderSettings", Values(), WizardDefinition.Default, store.Access, Now).IsSuccess.Should().BeTrue();
        return (config, store, key);
    }
}
