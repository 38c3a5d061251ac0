using ChannelBridge.Domain.UserConfigs;
using static ChannelBridge.Domain.UnitTests.TestData;

namespace ChannelBridge.Domain.UnitTests.UserConfigs;

public class UserConfigTests
{
    private static readonly WizardDefinition Wizard = WizardDefinition.Default;

    [Fact]
    public void Create_Valid_StartsAtFirstStepWithAHashedToken()
    {
        var (config, token) = UserConfig.Create("005d4263-5a0c-43ce-bdc5-526955604107", " seller@example.com ", "Acct", Wizard, Now).Value;

        token.Should().MatchRegex("^[0-9a-f]{64}$");
        config.TokenHash.Matches(token).Should().BeTrue();
        config.Email.Should().Be("seller@example.com");
        config.StepName.Should().Be("ConnectStore");
        config.StoreId.Should().BeNull();
        config.IsWizardComplete.Should().BeFalse();
        config.Version.Should().Be(0);
    }

    [Theory]
    [InlineData("", "a@b.com", "Acct", "Invalid LinnworksUniqueIdentifier")]
    [InlineData("00000000-0000-0000-0000-000000000000", "a@b.com", "Acct", "Invalid LinnworksUniqueIdentifier")]
    [InlineData("005d4263-5a0c-43ce-bdc5-526955604107", "not-an-email", "Acct", "Invalid Email")]
    [InlineData("005d4263-5a0c-43ce-bdc5-526955604107", "Jane <a@b.com>", "Acct", "Invalid Email")]
    [InlineData("005d4263-5a0c-43ce-bdc5-526955604107", "a@b.com", " ", "Invalid AccountName")]
    public void Create_Invalid_Fails(string lwId, string email, string account, string error) =>
        UserConfig.Create(lwId, email, account, Wizard, Now).ErrorMessage.Should().Be(error);

    [Fact]
    public void Create_SameSellerTwice_GivesTwoIntegrations()
    {
        var first = NewIntegration();
        var second = NewIntegration();

        second.UserConfig.Id.Should().NotBe(first.UserConfig.Id);
        second.Token.Should().NotBe(first.Token);
    }

    [Fact]
    public void SaveStep_WrongStepName_FailsAndChangesNothing()
    {
        var (config, _) = NewIntegration();

        var result = config.SaveStep("OrderSettings", Values(("ImportUnpaidOrders", "true")), Wizard, null, Now);

        result.ErrorMessage.Should().Be("Invalid step name, expected ConnectStore");
        config.StepName.Should().Be("ConnectStore");
        config.Values.Should().BeEmpty();
    }

    [Fact]
    public void SaveStep_ConnectStoreWithMatchingPair_LinksAndAdvances()
    {
        var (store, key) = NewStore();
        var (config, _) = NewIntegration();

        var result = config.SaveStep("connectstore", Values(("StoreId", store.Id), ("StoreKey", key)), Wizard, store.Access, Now.AddMinutes(1));

        result.IsSuccess.Should().BeTrue();
        config.StoreId.Should().Be(store.Id);
        config.StepName.Should().Be("OrderSettings");
        config.GetValue("StoreKey").Should().Be(key);
        config.Values.Single(v => v.ConfigItemId == "StoreKey").IsSecret.Should().BeTrue();
        config.UpdatedUtc.Should().Be(Now.AddMinutes(1));
    }

    [Fact]
    public void SaveStep_WrongKey_FailsAndChangesNothing()
    {
        var (store, _) = NewStore();
        var (config, _) = NewIntegration();

        var result = config.SaveStep("ConnectStore", Values(("StoreId", store.Id), ("StoreKey", "sk_wrong")), Wizard, store.Access, Now);

        result.ErrorMessage.Should().StartWith("StoreId and StoreKey do not match a store");
        config.StoreId.Should().BeNull();
        config.Values.Should().BeEmpty();
        config.StepName.Should().Be("ConnectStore");
    }

    [Fact]
    public void SaveStep_UnknownStore_Fails()
    {
        var (config, _) = NewIntegration();

        config.SaveStep("ConnectStore", Values(("StoreId", "nope"), ("StoreKey", "k")), Wizard, null, Now).IsFailure.Should().BeTrue();
    }

    [Fact]
    public void SaveStep_DisabledStore_Fails()
    {
        var (store, key) = NewStore();
        store.Disable(Now);
        var (config, _) = NewIntegration();

        config.SaveStep("ConnectStore", Values(("StoreId", store.Id), ("StoreKey", key)), Wizard, store.Access, Now)
            .ErrorMessage.Should().Contain("disabled");
    }

    [Fact]
    public void SaveStep_MissingRequired_ReportsEveryField()
    {
        var (config, _) = NewIntegration();

        var result = config.SaveStep("ConnectStore", Values(("StoreId", ""), ("StoreKey", "")), Wizard, null, Now);

        result.Errors.Select(e => e.Message).Should().Equal("Store ID must be specified.", "Store key must be specified.");
    }

    [Fact]
    public void SaveStep_OrderSettingsInvalidValues_FailTogether()
    {
        var (config, store, _) = CompletedIntegration();
        config.StepName.Should().Be(WizardDefinition.ConfigStepName);

        var result = config.SaveStep("UserConfig", Values(("ImportUnpaidOrders", "maybe"), ("DefaultCurrency", "XXX"), ("IgnoreOrdersOlderThanDays", "400")), Wizard, store.Access, Now);

        result.Errors.Should().HaveCount(3);
        config.GetValue("ImportUnpaidOrders").Should().Be("True");
    }

    [Fact]
    public void SaveStep_DefaultsAreStoredWhenAStepIsSubmittedEmpty()
    {
        var (config, _, _) = CompletedIntegration();

        config.GetValue("ImportUnpaidOrders").Should().Be("True");
        config.GetValue("DefaultCurrency").Should().Be("GBP");
        config.GetValue("IgnoreOrdersOlderThanDays").Should().Be("30");
    }

    [Fact]
    public void DisplayValue_MasksPasswords_AndMaskSentBackMeansUnchanged()
    {
        var (config, store, key) = CompletedIntegration();
        var storeKey = Wizard.FindItem("StoreKey")!;

        config.DisplayValue(storeKey).Should().Be(UserConfig.SecretMask);
        var result = config.SaveStep("UserConfig", Values(("StoreId", store.Id), ("StoreKey", UserConfig.SecretMask), ("ImportUnpaidOrders", "false")), Wizard, store.Access, Now);

        result.IsSuccess.Should().BeTrue();
        config.GetValue("StoreKey").Should().Be(key);
        config.GetValue("ImportUnpaidOrders").Should().Be("False");
    }

    [Fact]
    public void SaveStep_ConfigScreenNewKeyAfterRotation_RestoresAccess()
    {
        var (config, store, _) = CompletedIntegration();
        var newKey = store.RotateKey(Now);
        config.CheckStoreAccess(store.Access).IsFailure.Should().BeTrue();

        config.SaveStep("UserConfig", Values(("StoreKey", "sk_stale")), Wizard, store.Access, Now).IsFailure.Should().BeTrue();
        config.SaveStep("UserConfig", Values(("StoreKey", newKey)), Wizard, store.Access, Now).IsSuccess.Should().BeTrue();

        config.CheckStoreAccess(store.Access).IsSuccess.Should().BeTrue();
        config.TestConfiguration(store.Access).IsSuccess.Should().BeTrue();
    }

    [Fact]
    public void SaveStep_ReadOnlyItem_KeepsItsValue()
    {
        var readOnly = ConfigItem.Create("Plan", "Plan", "", "", 3, ConfigValueType.String, defaultValue: "Basic", readOnly: true).Value;
        var storeId = ConfigItem.Create("StoreId", "Store", "", "", 1, ConfigValueType.String, mustBeSpecified: true).Value;
        var storeKey = ConfigItem.Create("StoreKey", "Key", "", "", 2, ConfigValueType.Password, mustBeSpecified: true).Value;
        var wizard = WizardDefinition.Create([WizardStep.Create("Connect", "t", "d", [storeId, storeKey, readOnly]).Value]).Value;
        var (store, key) = NewStore();
        var config = UserConfig.Create("lw", "a@b.com", "a", wizard, Now).Value.UserConfig;

        config.SaveStep("Connect", Values(("StoreId", store.Id), ("StoreKey", key), ("Plan", "Gold")), wizard, store.Access, Now).IsSuccess.Should().BeTrue();

        config.GetValue("Plan").Should().Be("Basic");
    }

    [Fact]
    public void TestConfiguration_ReportsEachReasonTheStoreCannotBeUsed()
    {
        var (fresh, _) = NewIntegration();
        fresh.TestConfiguration(null).ErrorMessage.Should().Contain("wizard is not complete");

        var (config, store, _) = CompletedIntegration();
        config.TestConfiguration(store.Access).IsSuccess.Should().BeTrue();
        config.TestConfiguration(null).ErrorMessage.Should().Contain("no longer exists");

        store.RotateKey(Now);
        config.TestConfiguration(store.Access).ErrorMessage.Should().Contain("rotated");

        var (other, otherStore, _) = CompletedIntegration();
        otherStore.Disable(Now);
        other.TestConfiguration(otherStore.Access).ErrorMessage.Should().Contain("disabled");
    }

    [Fact]
    public void CheckStoreAccess_ComparesTheKeyHashKeptAtLink_WithoutRevealingTheSavedStoreKey()
    {
        var (config, store, key) = CompletedIntegration();
        config.LinkedKeyHash.Should().Be(store.KeyHash.Hex, "the StoreId/StoreKey step keeps the hash of the key that proved the link");
        var sealedKey = ConfigValue.Sealed("StoreKey", () => throw new InvalidOperationException("the access check must not decrypt the StoreKey"));
        var loaded = Reload(config, sealedKey);

        loaded.CheckStoreAccess(store.Access).IsSuccess.Should().BeTrue();
        sealedKey.IsRevealed.Should().BeFalse();

        store.RotateKey(Now);
        loaded.CheckStoreAccess(store.Access).ErrorMessage.Should().Contain("rotated", "a rotated key still cuts the link off");
        sealedKey.IsRevealed.Should().BeFalse();
        key.Should().NotBeNullOrEmpty();
    }

    [Fact]
    public void CheckStoreAccess_LinkMadeBeforeTheHashWasKept_ChecksTheSavedStoreKey()
    {
        var (config, store, key) = CompletedIntegration();
        var savedKey = ConfigValue.Sealed("StoreKey", () => key);
        var older = UserConfig.Rehydrate(
            config.Id, config.TokenHash.Hex, config.LinnworksUniqueIdentifier, config.Email, config.AccountName, config.StepName, config.StoreId, false,
            config.CreatedUtc, config.UpdatedUtc, config.Version, [.. config.Values.Where(v => v.ConfigItemId != "StoreKey"), savedKey], linkedByOAuth: false, linkedKeyHash: null);

        older.CheckStoreAccess(store.Access).IsSuccess.Should().BeTrue();
        savedKey.IsRevealed.Should().BeTrue("without the hash, the saved key is what proves the link");

        store.RotateKey(Now);
        older.CheckStoreAccess(store.Access).ErrorMessage.Should().Contain("rotated");
    }

    [Fact]
    public void ConfigValue_SealedUntilRead_AndNeverPrintsASecret()
    {
        var reveals = 0;
        var value = ConfigValue.Sealed("StoreKey", () => { reveals++; return "sk_live_secret"; });

        value.IsRevealed.Should().BeFalse();
        value.ToString().Should().NotContain("sk_live_secret").And.Contain(UserConfig.SecretMask);
        value.Value.Should().Be("sk_live_secret");
        _ = value.Value;
        reveals.Should().Be(1, "a sealed value is decrypted once");
        value.Should().Be(new ConfigValue("StoreKey", "sk_live_secret", isSecret: true));
        new ConfigValue("Currency", "EUR", isSecret: false).ToString().Should().Contain("EUR");
    }

    private static UserConfig Reload(UserConfig config, ConfigValue storeKey) => UserConfig.Rehydrate(
        config.Id, config.TokenHash.Hex, config.LinnworksUniqueIdentifier, config.Email, config.AccountName, config.StepName, config.StoreId, false,
        config.CreatedUtc, config.UpdatedUtc, config.Version, [.. config.Values.Where(v => v.ConfigItemId != "StoreKey"), storeKey], config.LinkedByOAuth, config.LinkedKeyHash);

    [Fact]
    public void CheckStoreAccess_Unlinked_Fails()
    {
        var (config, _) = NewIntegration();

        config.CheckStoreAccess(null).ErrorMessage.Should().Contain("not linked");
    }

    [Fact]
    public void MarkDeleted_ErasesValuesAndForbidsFurtherChanges()
    {
        var (config, store, _) = CompletedIntegration();

        config.MarkDeleted(Now);

        config.IsDeleted.Should().BeTrue();
        config.Values.Should().BeEmpty();
        FluentActions.Invoking(() => config.SaveStep("UserConfig", Values(), Wizard, store.Access, Now)).Should().Throw<InvalidOperationException>();
    }

    [Fact]
    public void CurrentStep_StepRemovedFromWizard_FallsBackToFirstStep()
    {
        var config = UserConfig.Rehydrate("id", new string('a', 64), "lw", "a@b.com", "acct", "RemovedStep", null, false, Now, Now, 3, [], false, null);

        config.CurrentStep(Wizard).Name.Should().Be("ConnectStore");
    }
}
