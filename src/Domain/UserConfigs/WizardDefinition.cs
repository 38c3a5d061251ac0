using ChannelBridge.Domain.Common;

namespace ChannelBridge.Domain.UserConfigs;

/// <summary>
/// The wizard as data: ordered steps ending in the config screen (<see cref="ConfigStepName"/>),
/// where every item of every step is editable. Every definition must let the seller link a store,
/// so one step holds the required <see cref="StoreIdItemId"/> (STRING) and <see cref="StoreKeyItemId"/> (PASSWORD).
/// </summary>
public sealed class WizardDefinition
{
    /// <summary>The StepName that tells Linnworks the wizard is complete.</summary>
    public const string ConfigStepName = "UserConfig";
    public const string StoreIdItemId = "StoreId";
    public const string StoreKeyItemId = "StoreKey";

    /// <summary>The default wizard's order settings, read when orders are downloaded.</summary>
    public const string ImportUnpaidOrdersItemId = "ImportUnpaidOrders";
    public const string DefaultCurrencyItemId = "DefaultCurrency";
    public const string IgnoreOrdersOlderThanDaysItemId = "IgnoreOrdersOlderThanDays";

    private WizardDefinition(IReadOnlyList<WizardStep> steps, WizardStep configScreen)
    {
        Steps = steps;
        ConfigScreen = configScreen;
    }

    public IReadOnlyList<WizardStep> Steps { get; }

    /// <summary>The config screen: every item of every step, in step order then SortOrder.</summary>
    public WizardStep ConfigScreen { get; }

    public WizardStep FirstStep => Steps[0];

    public static Result<WizardDefinition> Create(IReadOnlyList<WizardStep> steps, string? configTitle = null, string? configDescription = null)
    {
        var allItems = steps.SelectMany(s => s.Items).ToList();
        var errors = StepErrors(steps).Concat(ItemErrors(steps, allItems)).ToList();
        if (errors.Count > 0)
        {
            return Result<WizardDefinition>.Failure(errors);
        }

        var configScreen = WizardStep.Create(
            ConfigStepName,
            configTitle ?? "Configuration",
            configDescription ?? "Settings of this integration.",
            allItems,
            sortItems: false).Value;
        return new WizardDefinition(steps, configScreen);
    }

    /// <summary>At least one step, none named as the config screen, no name twice.</summary>
    private static IEnumerable<Error> StepErrors(IReadOnlyList<WizardStep> steps)
    {
        if (steps.Count == 0)
        {
            yield return Error.Validation("The wizard needs at least one step.");
        }

        if (steps.Any(s => string.Equals(s.Name, ConfigStepName, StringComparison.OrdinalIgnoreCase)))
        {
            yield return Error.Validation($"'{ConfigStepName}' is reserved for the config screen and cannot name a wizard step.");
        }

        foreach (var name in steps.GroupBy(s => s.Name, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key))
        {
            yield return Error.Validation($"Wizard step '{name}' is defined more than once.");
        }
    }

    /// <summary>No item in two steps, and one step holding the items that link the integration to a store.</summary>
    private static IEnumerable<Error> ItemErrors(IReadOnlyList<WizardStep> steps, List<ConfigItem> allItems)
    {
        foreach (var id in allItems.GroupBy(i => i.ConfigItemId, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key))
        {
            yield return Error.Validation($"ConfigItemId '{id}' is used by more than one step.");
        }

        var linkStep = steps.FirstOrDefault(s => s.FindItem(StoreIdItemId) is not null);
        var storeId = linkStep?.FindItem(StoreIdItemId);
        var storeKey = linkStep?.FindItem(StoreKeyItemId);
        if (storeId is not { ValueType: ConfigValueType.String, MustBeSpecified: true, ReadOnly: false } ||
            storeKey is not { ValueType: ConfigValueType.Password, MustBeSpecified: true, ReadOnly: false })
        {
            yield return Error.Validation(
                $"One wizard step must hold the required, editable items '{StoreIdItemId}' (STRING) and '{StoreKeyItemId}' (PASSWORD) that link the integration to a store.");
        }
    }

    /// <summary>The step of that name, the config screen for <see cref="ConfigStepName"/>, or null if unknown.</summary>
    public WizardStep? FindStep(string? stepName) =>
        string.Equals(stepName, ConfigStepName, StringComparison.OrdinalIgnoreCase)
            ? ConfigScreen
            : Steps.FirstOrDefault(s => string.Equals(s.Name, stepName, StringComparison.OrdinalIgnoreCase));

    /// <summary>The step after <paramref name="step"/>; the config screen after the last one and after itself.</summary>
    public WizardStep NextAfter(WizardStep step)
    {
        var index = Steps.ToList().IndexOf(step);
        return index >= 0 && index + 1 < Steps.Count ? Steps[index + 1] : ConfigScreen;
    }

    public ConfigItem? FindItem(string configItemId) => ConfigScreen.FindItem(configItemId);

    /// <summary>ConnectStore → OrderSettings → UserConfig, as PRODUCT.md describes.</summary>
    public static WizardDefinition Default { get; } = BuildDefault();

    private static WizardDefinition BuildDefault()
    {
        var connect = WizardStep.Create(
            "ConnectStore",
            "Connect your store",
            "Enter the StoreId and StoreKey your channel account gave you.",
            [
                ConfigItem.Create(StoreIdItemId, "Store ID", "The StoreId of your channel account.", "Store", 1, ConfigValueType.String,
                    mustBeSpecified: true, regExValidation: "^[A-Za-z0-9_-]{1,64}$", regExError: "Store ID is 1-64 letters, digits, '-' or '_'.").Value,
                ConfigItem.Create(StoreKeyItemId, "Store key", "The secret StoreKey of your channel account. It is stored encrypted and never shown again.",
                    "Store", 2, ConfigValueType.Password, mustBeSpecified: true).Value,
            ]).Value;

        var orders = WizardStep.Create(
            "OrderSettings",
            "Order settings",
            "Choose how orders are downloaded into Linnworks.",
            [
                ConfigItem.Create(ImportUnpaidOrdersItemId, "Import unpaid orders", "Download orders before they are paid (they are updated when paid).",
                    "Orders", 1, ConfigValueType.Boolean, mustBeSpecified: true, defaultValue: "True").Value,
                ConfigItem.Create(DefaultCurrencyItemId, "Default currency", "Currency for orders that carry none.", "Orders", 2, ConfigValueType.List,
                    mustBeSpecified: true, defaultValue: "GBP",
                    listValues: [new("Pound sterling (GBP)", "GBP"), new("Euro (EUR)", "EUR"), new("US dollar (USD)", "USD"),
                        new("Canadian dollar (CAD)", "CAD"), new("Australian dollar (AUD)", "AUD")]).Value,
                ConfigItem.Create(IgnoreOrdersOlderThanDaysItemId, "Ignore orders older than (days)",
                    "On the first download, skip orders received more than this many days ago (1-365).", "Orders", 3, ConfigValueType.Int,
                    mustBeSpecified: true, defaultValue: "30",
                    regExValidation: "^(36[0-5]|3[0-5][0-9]|[12][0-9]{2}|[1-9][0-9]?)$", regExError: "Enter a number of days from 1 to 365.").Value,
            ]).Value;

        return Create([connect, orders]).Value;
    }
}
