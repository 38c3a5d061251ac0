using ChannelBridge.Domain.Common;

namespace ChannelBridge.Domain.UserConfigs;

/// <summary>One page of the integration wizard: a name Linnworks echoes back, a title, a description and its items.</summary>
public sealed class WizardStep
{
    private WizardStep(string name, string title, string description, IReadOnlyList<ConfigItem> items)
    {
        Name = name;
        Title = title;
        Description = description;
        Items = items;
    }

    public string Name { get; }

    public string Title { get; }

    public string Description { get; }

    /// <summary>Items in display order (SortOrder, then id; on the config screen, step by step).</summary>
    public IReadOnlyList<ConfigItem> Items { get; }

    public ConfigItem? FindItem(string configItemId) =>
        Items.FirstOrDefault(i => string.Equals(i.ConfigItemId, configItemId, StringComparison.OrdinalIgnoreCase));

    public static Result<WizardStep> Create(string? name, string? title, string? description, IReadOnlyList<ConfigItem> items) =>
        Create(name, title, description, items, sortItems: true);

    /// <summary>With sortItems false the given order is kept (the config screen lists step by step).</summary>
    internal static Result<WizardStep> Create(string? name, string? title, string? description, IReadOnlyList<ConfigItem> items, bool sortItems)
    {
        var errors = new List<Error>();
        if (string.IsNullOrWhiteSpace(name))
        {
            errors.Add(Error.Validation("A wizard step needs a Name."));
        }

        var duplicates = items.GroupBy(i => i.ConfigItemId, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (duplicates.Count > 0)
        {
            errors.Add(Error.Validation($"Wizard step '{name}' repeats ConfigItemId {string.Join(", ", duplicates)}."));
        }

        return errors.Count > 0
            ? Result<WizardStep>.Failure(errors)
            : new WizardStep(name!.Trim(), title ?? name!, description ?? string.Empty, sortItems ? [.. items.OrderBy(i => i.SortOrder).ThenBy(i => i.ConfigItemId, StringComparer.Ordinal)] : items);
    }
}
