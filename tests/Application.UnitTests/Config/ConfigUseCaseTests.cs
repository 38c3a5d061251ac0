using ChannelBridge.Application.Common.Linnworks;
using ChannelBridge.Application.Config.AddNewUser;
using ChannelBridge.Application.Config.DeleteConfig;
using ChannelBridge.Application.Config.GetShippingTags;
using ChannelBridge.Application.Config.GetUserConfig;
using ChannelBridge.Application.Config.SaveConfig;
using ChannelBridge.Application.Config.TestConfig;
using ChannelBridge.Application.Stores.AuthenticateChannelKey;
using ChannelBridge.Domain.Common;
using ChannelBridge.Domain.Stores;
using ChannelBridge.Domain.UserConfigs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChannelBridge.Application.UnitTests.Config;

public class ConfigUseCaseTests
{
    [Fact]
    public async Task AddNewUser_Valid_StoresOnlyTheTokenHash()
    {
        using var services = new TestServices();

        var response = await services.SendAsync(new AddNewUserCommand { LinnworksUniqueIdentifier = Guid.NewGuid().ToString(), Email = "a@b.com", AccountName = "Acct" });

        response.Error.Should().BeNull();
        var stored = await services.UserConfigs.GetByTokenHashAsync(SecretHash.Of(response.AuthorizationToken!).Hex, default);
        stored!.AccountName.Should().Be("Acct");
    }

    [Theory]
    [InlineData("", "a@b.com", "Acct", "Invalid LinnworksUniqueIdentifier")]
    [InlineData("lw", "nope", "Acct", "Invalid Email")]
    [InlineData("lw", "a@b.com", "", "Invalid AccountName")]
    public async Task AddNewUser_Invalid_AnswersTheSampleMessages(string lwId, string email, string account, string error)
    {
        using var services = new TestServices();

        var response = await services.SendAsync(new AddNewUserCommand { LinnworksUniqueIdentifier = lwId, Email = email, AccountName = account });

        response.Error.Should().Be(error);
        response.AuthorizationToken.Should().BeNull();
    }

    [Fact]
    public async Task SaveConfig_ConflictingWriter_IsRetriedOnFreshState()
    {
        using var services = new TestServices();
        var (token, store, key) = await Integrate(services);
        services.UserConfigs.ConflictsToThrow = 2;

        var response = await services.SendAsync(Save(token, "UserConfig", ("ImportUnpaidOrders", "false")));

        response.Error.Should().BeNull();
        var stored = await services.UserConfigs.GetByTokenHashAsync(SecretHash.Of(token).Hex, default);
        stored!.GetValue("ImportUnpaidOrders").Should().Be("False");
        stored.GetValue("StoreKey").Should().Be(key);
        stored.StoreId.Should().Be(store.Id);
    }

    [Fact]
    public async Task SaveConfig_EndlessConflicts_AnswersBusyAndStoresNothing()
    {
        using var services = new TestServices();
        var (token, _, _) = await Integrate(services);
        services.UserConfigs.ConflictsToThrow = 100;

        var response = await services.SendAsync(Save(token, "UserConfig", ("ImportUnpaidOrders", "false")));

        response.Error.Should().Be(LinnworksErrors.Busy);
        (await services.UserConfigs.GetByTokenHashAsync(SecretHash.Of(token).Hex, default))!.GetValue("ImportUnpaidOrders").Should().Be("True");
    }

    [Fact]
    public async Task SaveConfig_StaleStepAfterAnotherWriterAdvanced_IsRejected()
    {
        using var services = new TestServices();
        var (store, key) = Store.Create("Shop", DateTime.UtcNow).Value;
        services.Stores.Add(store);
        var token = (await services.SendAsync(new AddNewUserCommand { LinnworksUniqueIdentifier = "lw", Email = "a@b.com", AccountName = "a" })).AuthorizationToken!;
        (await services.SendAsync(Save(token, "ConnectStore", ("StoreId", store.Id), ("StoreKey", key)))).Error.Should().BeNull();

        var replay = await services.SendAsync(Save(token, "ConnectStore", ("StoreId", store.Id), ("StoreKey", key)));

        replay.Error.Should().Be("Invalid step name, expected OrderSettings");
    }

    [Fact]
    public async Task Walkthrough_UserConfigMasksThePassword_ConfigTestAndTagsFollowTheStore()
    {
        using var services = new TestServices();
        var (token, store, _) = await Integrate(services);
        store.ReplaceTags(TagKind.Shipping, [("dpd", "DPD", "")], DateTime.UtcNow);

        var config = await services.SendAsync(new UserConfigQuery { AuthorizationToken = token });
        config.StepName.Should().Be("UserConfig");
        config.ConfigItems.Single(i => i.ConfigItemId == "StoreKey").SelectedValue.Should().Be(UserConfig.SecretMask);
        config.ConfigItems.Single(i => i.ConfigItemId == "StoreKey").ValueType.Should().Be("PASSWORD");

        (await services.SendAsync(new ConfigTestCommand { AuthorizationToken = token })).Error.Should().BeNull();
        (await services.SendAsync(new ShippingTagsQuery { AuthorizationToken = token })).ShippingTags.Should().ContainSingle(t => t.Tag == "dpd");

        store.Disable(DateTime.UtcNow);
        (await services.SendAsync(new ConfigTestCommand { AuthorizationToken = token })).Error.Should().Contain("disabled");
        var tags = await services.SendAsync(new ShippingTagsQuery { AuthorizationToken = token });
        tags.Error.Should().Contain("disabled");
        tags.ShippingTags.Should().BeEmpty();
    }

    [Fact]
    public async Task ConfigDeleted_TokenStopsWorking_OtherIntegrationsOfTheSellerKeepWorking()
    {
        using var services = new TestServices();
        var (first, _, _) = await Integrate(services);
        var (second, _, _) = await Integrate(services);

        (await services.SendAsync(new ConfigDeletedCommand { AuthorizationToken = first })).Error.Should().BeNull();

        (await services.SendAsync(new UserConfigQuery { AuthorizationToken = first })).Error.Should().Be(LinnworksErrors.InvalidToken);
        // Linnworks deletes its side whatever we answer: a second ConfigDeleted succeeds and changes nothing.
        (await services.SendAsync(new ConfigDeletedCommand { AuthorizationToken = first })).Error.Should().BeNull();
        (await services.SendAsync(new UserConfigQuery { AuthorizationToken = first })).Error.Should().Be(LinnworksErrors.InvalidToken);
        (await services.SendAsync(new ConfigTestCommand { AuthorizationToken = second })).Error.Should().BeNull();
    }

    [Fact]
    public async Task AuthenticateChannelKey_KnowsOperatorStoresAndNobodyElse()
    {
        using var services = new TestServices();
        var (store, key) = Store.Create("Shop", DateTime.UtcNow).Value;
        services.Stores.Add(store);
        var (disabled, disabledKey) = Store.Create("Old", DateTime.UtcNow).Value;
        disabled.Disable(DateTime.UtcNow);
        services.Stores.Add(disabled);

        (await services.SendAsync(new AuthenticateChannelKeyQuery("operator-key-for-unit-tests-0123456789"))).Caller.Should().Be(ChannelCaller.Operator);
        (await services.SendAsync(new AuthenticateChannelKeyQuery(key))).Caller.Should().Be(ChannelCaller.ForStore(store.Id));
        (await services.SendAsync(new AuthenticateChannelKeyQuery(disabledKey))).Caller.Should().BeNull();
        (await services.SendAsync(new AuthenticateChannelKeyQuery("sk_guess"))).Caller.Should().BeNull();
        (await services.SendAsync(new AuthenticateChannelKeyQuery(""))).Caller.Should().BeNull();
    }

    [Fact]
    public async Task Wizard_FromConfiguration_ReplacesTheDefault()
    {
        using var services = new TestServices(new()
        {
            ["Wizard:Steps:0:Name"] = "Credentials",
            ["Wizard:Steps:0:Title"] = "Your store",
            ["Wizard:Steps:0:Items:0:ConfigItemId"] = "StoreId",
            ["Wizard:Steps:0:Items:0:Name"] = "Store",
            ["Wizard:Steps:0:Items:0:MustBeSpecified"] = "true",
            ["Wizard:Steps:0:Items:1:ConfigItemId"] = "StoreKey",
            ["Wizard:Steps:0:Items:1:Name"] = "Key",
            ["Wizard:Steps:0:Items:1:ValueType"] = "PASSWORD",
            ["Wizard:Steps:0:Items:1:MustBeSpecified"] = "true",
        });
        var token = (await services.SendAsync(new AddNewUserCommand { LinnworksUniqueIdentifier = "lw", Email = "a@b.com", AccountName = "a" })).AuthorizationToken;

        var response = await services.SendAsync(new UserConfigQuery { AuthorizationToken = token });

        response.StepName.Should().Be("Credentials");
        response.WizardStepTitle.Should().Be("Your store");
        response.ConfigItems.Select(i => i.ValueType).Should().Equal("STRING", "PASSWORD");
    }

    [Fact]
    public void Wizard_InvalidConfiguration_FailsAtStartUpWithTheReason()
    {
        using var services = new TestServices(new()
        {
            ["Wizard:Steps:0:Name"] = "Only",
            ["Wizard:Steps:0:Items:0:ConfigItemId"] = "ApiKey",
            ["Wizard:Steps:0:Items:0:Name"] = "Key",
        });

        var act = () => services.Provider.GetRequiredService<IOptions<Application.Config.Wizard.WizardOptions>>().Value;

        act.Should().Throw<OptionsValidationException>().WithMessage("*StoreId*");
    }

    private static SaveConfigCommand Save(string token, string step, params (string Id, string Value)[] values) => TestServices.Save(token, step, values);

    private static Task<(string Token, Store Store, string Key)> Integrate(TestServices services) => services.IntegrateAsync();
}
