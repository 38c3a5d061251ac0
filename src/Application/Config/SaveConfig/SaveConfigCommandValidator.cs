using FluentValidation;

namespace ChannelBridge.Application.Config.SaveConfig;

internal sealed class SaveConfigCommandValidator : AbstractValidator<SaveConfigCommand>
{
    public const int MaxItems = 500;
    public const int MaxValueLength = 4000;

    public SaveConfigCommandValidator()
    {
        RuleFor(c => c.StepName).NotEmpty().WithMessage("StepName is required.");
        RuleFor(c => c.ConfigItems).NotNull().WithMessage("ConfigItems is required.")
            .Must(items => items is null || items.Count <= MaxItems).WithMessage($"At most {MaxItems} ConfigItems are accepted.");
        RuleForEach(c => c.ConfigItems).ChildRules(item =>
        {
            item.RuleFor(i => i.ConfigItemId).NotEmpty().WithMessage("Every config item needs a ConfigItemId.");
            item.RuleFor(i => i.SelectedValue).MaximumLength(MaxValueLength)
                .WithMessage(i => $"SelectedValue of {i.ConfigItemId} is longer than {MaxValueLength} characters.");
        });
        RuleFor(c => c.ConfigItems)
            .Must(items => items is null || items.Where(i => i.ConfigItemId is not null)
                .GroupBy(i => i.ConfigItemId!, StringComparer.OrdinalIgnoreCase).All(g => g.Count() == 1))
            .WithMessage("A ConfigItemId appears more than once.");
    }
}
