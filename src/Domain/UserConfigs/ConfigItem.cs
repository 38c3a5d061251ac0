using System.Globalization;
using ChannelBridge.Domain.Common;

namespace ChannelBridge.Domain.UserConfigs;

/// <summary>
/// The definition of one wizard or config-screen field, and the rules its value must satisfy:
/// MustBeSpecified, RegExValidation (JavaScript-style, with a match timeout) and ValueType.
/// </summary>
public sealed class ConfigItem
{
    private readonly JavaScriptRegex? _regex;

    private ConfigItem(
        string configItemId, string name, string description, string groupName, int sortOrder, string defaultValue,
        string? regExValidation, string? regExError, bool mustBeSpecified, bool readOnly,
        IReadOnlyList<ListValue> listValues, ConfigValueType valueType, bool hidesHeaderAttribute, JavaScriptRegex? regex)
    {
        ConfigItemId = configItemId;
        Name = name;
        Description = description;
        GroupName = groupName;
        SortOrder = sortOrder;
        DefaultValue = defaultValue;
        RegExValidation = regExValidation;
        RegExError = regExError;
        MustBeSpecified = mustBeSpecified;
        ReadOnly = readOnly;
        ListValues = listValues;
        ValueType = valueType;
        HidesHeaderAttribute = hidesHeaderAttribute;
        _regex = regex;
    }

    public string ConfigItemId { get; }

    public string Name { get; }

    public string Description { get; }

    public string GroupName { get; }

    public int SortOrder { get; }

    /// <summary>The value shown until the seller sets one.</summary>
    public string DefaultValue { get; }

    public string? RegExValidation { get; }

    public string? RegExError { get; }

    public bool MustBeSpecified { get; }

    public bool ReadOnly { get; }

    public IReadOnlyList<ListValue> ListValues { get; }

    public ConfigValueType ValueType { get; }

    public bool HidesHeaderAttribute { get; }

    public bool IsSecret => ValueType == ConfigValueType.Password;

    public static Result<ConfigItem> Create(
        string? configItemId, string? name, string? description, string? groupName, int sortOrder, ConfigValueType valueType,
        bool mustBeSpecified = false, string? defaultValue = null, string? regExValidation = null, string? regExError = null,
        bool readOnly = false, IReadOnlyList<ListValue>? listValues = null, bool hidesHeaderAttribute = false)
    {
        var id = configItemId?.Trim();
        listValues ??= [];
        JavaScriptRegex? regex = null;
        var errors = DefinitionErrors(id, name, valueType, listValues).ToList();
        if (!string.IsNullOrEmpty(regExValidation) && !JavaScriptRegex.TryCreate(regExValidation, out regex, out var regexError))
        {
            errors.Add(Error.Validation($"Config item '{id}' has an invalid RegExValidation: {regexError}"));
        }

        var item = new ConfigItem(
            id ?? string.Empty, name ?? string.Empty, description ?? string.Empty, groupName ?? string.Empty, sortOrder,
            defaultValue ?? string.Empty, string.IsNullOrEmpty(regExValidation) ? null : regExValidation, regExError,
            mustBeSpecified, readOnly, listValues, valueType, hidesHeaderAttribute, regex);

        if (errors.Count == 0 && item.DefaultValue.Length > 0 && item.Normalize(item.DefaultValue).IsFailure)
        {
            errors.Add(Error.Validation($"Config item '{id}' has a default value that breaks its own rules."));
        }

        return errors.Count > 0 ? Result<ConfigItem>.Failure(errors) : item;
    }

    /// <summary>An id, a name, and list values that exist (for a LIST) and differ.</summary>
    private static IEnumerable<Error> DefinitionErrors(string? id, string? name, ConfigValueType valueType, IReadOnlyList<ListValue> listValues)
    {
        if (string.IsNullOrEmpty(id))
        {
            yield return Error.Validation("A config item needs a ConfigItemId.");
        }

        if (string.IsNullOrWhiteSpace(name))
        {
            yield return Error.Validation($"Config item '{id}' needs a Name.");
        }

        if (valueType == ConfigValueType.List && listValues.Count == 0)
        {
            yield return Error.Validation($"Config item '{id}' is a LIST without ListValues.");
        }

        if (listValues.Select(v => v.Value).Distinct(StringComparer.Ordinal).Count() != listValues.Count)
        {
            yield return Error.Validation($"Config item '{id}' has duplicate ListValues.");
        }
    }

    /// <summary>
    /// Checks a submitted SelectedValue and returns it in canonical form (BOOLEAN "True"/"False",
    /// numbers in invariant culture). An empty value is allowed unless MustBeSpecified.
    /// </summary>
    public Result<string> Normalize(string? value)
    {
        var text = value ?? string.Empty;
        if (ValueType != ConfigValueType.Password)
        {
            text = text.Trim();
        }

        if (text.Length == 0)
        {
            return MustBeSpecified ? Fail($"{Name} must be specified.") : string.Empty;
        }

        if (_regex is not null)
        {
            switch (_regex.IsMatch(text))
            {
                case false:
                    return Fail(string.IsNullOrWhiteSpace(RegExError) ? $"{Name} is not in the expected format." : RegExError);
                case null:
                    return Fail($"{Name} could not be checked against its pattern in time.");
            }
        }

        return Canonical(text);
    }

    /// <summary>A value that passed the pattern, in its type's canonical form, or why it is not of that type.</summary>
    private Result<string> Canonical(string text) => ValueType switch
    {
        ConfigValueType.Int => long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l)
            ? l.ToString(CultureInfo.InvariantCulture)
            : Fail($"{Name} must be a whole number."),
        ConfigValueType.Double => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d)
            ? d.ToString("R", CultureInfo.InvariantCulture)
            : Fail($"{Name} must be a number."),
        ConfigValueType.Boolean => bool.TryParse(text, out var b) ? (b ? bool.TrueString : bool.FalseString) : Fail($"{Name} must be True or False."),
        ConfigValueType.List => ListValues.Any(v => v.Value == text)
            ? text
            : Fail($"{Name} must be one of: {string.Join(", ", ListValues.Select(v => v.Value))}."),
        _ => text,
    };

    private Result<string> Fail(string message) => Result<string>.Failure(Error.Validation(message));
}
