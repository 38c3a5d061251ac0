using ChannelBridge.Domain.UserConfigs;

namespace ChannelBridge.Domain.UnitTests.UserConfigs;

public class WizardDefinitionTests
{
    private static ConfigItem StoreId() => ConfigItem.Create("StoreId", "Store", "", "", 1, ConfigValueType.String, mustBeSpecified: true).Value;

    private static ConfigItem StoreKey() => ConfigItem.Create("StoreKey", "Key", "", "", 2, ConfigValueType.Password, mustBeSpecified: true).Value;

    [Fact]
    public void Default_IsConnectStoreThenOrderSettingsThenConfigScreen()
    {
        var wizard = WizardDefinition.Default;

        wizard.Steps.Select(s => s.Name).Should().Equal("ConnectStore", "OrderSettings");
        wizard.Steps[0].Items.Select(i => (i.ConfigItemId, i.ValueType, i.MustBeSpecified))
            .Should().Equal(("StoreId", ConfigValueType.String, true), ("StoreKey", ConfigValueType.Password, true));
        wizard.NextAfter(wizard.Steps[0]).Name.Should().Be("OrderSettings");
        wizard.NextAfter(wizard.Steps[1]).Name.Should().Be(WizardDefinition.ConfigStepName);
        wizard.NextAfter(wizard.ConfigScreen).Name.Should().Be(WizardDefinition.ConfigStepName);
        wizard.ConfigScreen.Items.Select(i => i.ConfigItemId)
            .Should().Equal("StoreId", "StoreKey", "ImportUnpaidOrders", "DefaultCurrency", "IgnoreOrdersOlderThanDays");
    }

    [Fact]
    public void Create_WithoutStoreItems_Fails()
    {
        var step = WizardStep.Create("Only", "t", "d", [ConfigItem.Create("ApiKey", "Key", "", "", 1, ConfigValueType.Password).Value]).Value;

        WizardDefinition.Create([step]).ErrorMessage.Should().Contain("StoreId");
    }

    [Fact]
    public void Create_StoreKeyNotPassword_Fails()
    {
        var key = ConfigItem.Create("StoreKey", "Key", "", "", 2, ConfigValueType.String, mustBeSpecified: true).Value;
        var step = WizardStep.Create("Connect", "t", "d", [StoreId(), key]).Value;

        WizardDefinition.Create([step]).IsFailure.Should().BeTrue();
    }

    [Fact]
    public void Create_StepNamedUserConfig_Fails()
    {
        var step = WizardStep.Create("UserConfig", "t", "d", [StoreId(), StoreKey()]).Value;

        WizardDefinition.Create([step]).ErrorMessage.Should().Contain("reserved");
    }

    [Fact]
    public void Create_ItemIdOnTwoSteps_Fails()
    {
        var first = WizardStep.Create("A", "t", "d", [StoreId(), StoreKey()]).Value;
        var second = WizardStep.Create("B", "t", "d", [ConfigItem.Create("storeid", "Again", "", "", 1, ConfigValueType.String).Value]).Value;

        WizardDefinition.Create([first, second]).ErrorMessage.Should().Contain("more than one step");
    }

    [Fact]
    public void FindStep_IsCaseInsensitive_AndKnowsTheConfigScreen()
    {
        WizardDefinition.Default.FindStep("connectstore")!.Name.Should().Be("ConnectStore");
        WizardDefinition.Default.FindStep("userconfig").Should().BeSameAs(WizardDefinition.Default.ConfigScreen);
        WizardDefinition.Default.FindStep("Nope").Should().BeNull();
    }
}
