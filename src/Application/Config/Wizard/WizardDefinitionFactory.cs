using ChannelBridge.Domain.Common;
using ChannelBridge.Domain.UserConfigs;
using Microsoft.Extensions.Options;

namespace ChannelBridge.Application.Config.Wizard;

/// <summary>Builds the <see cref="WizardDefinition"/> from <see cref="WizardOptions"/>; validates it at start-up.</summary>
internal sealed class WizardDefinitionFactory : IValidateOptions<WizardOptions>
{
    public static Result<WizardDefinition> Build(WizardOptions options)
    {
        if (options.Steps.Count == 0)
        {
            return Result.Success(WizardDefinition.Default);
        }

        var errors = new List<Error>();
        var steps = new List<WizardStep>();
        foreach (var stepOptions in options.Steps)
        {
            var step = WizardStep.Create(stepOptions.Name, stepOptions.Title, stepOptions.Description, Items(stepOptions, errors));
            if (step.TryGetValue(out var s))
            {
                steps.Add(s);
            }
            else
            {
                errors.AddRange(step.Errors);
            }
        }

        if (errors.Count > 0)
        {
            return Result<WizardDefinition>.Failure(errors);
        }

        return WizardDefinition.Create(steps, options.ConfigTitle, options.ConfigDescription);
    }

    /// <summary>A step's configured items that pass ConfigItem's rules; the others' errors are added to <paramref name="errors"/>.</summary>
    private static List<ConfigItem> Items(WizardStepOptions step, List<Error> errors)
    {
        var items = new List<ConfigItem>();
        foreach (var i in step.Items)
        {
            var item = ConfigItem.Create(
                i.ConfigItemId, i.Name, i.Description, i.GroupName, i.SortOrder, i.ValueType, i.MustBeSpecified, i.DefaultValue,
                i.RegExValidation, i.RegExError, i.ReadOnly, i.ListValues, i.HidesHeaderAttribute);
            if (item.TryGetValue(out var value))
            {
                items.Add(value);
            }
            else
            {
                errors.AddRange(item.Errors);
            }
        }

        return items;
    }

    public ValidateOptionsResult Validate(string? name, WizardOptions options)
    {
        var result = Build(options);
        return result.IsSuccess
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(result.Errors.Select(e => $"Wizard: {e.Message}"));
    }
}
