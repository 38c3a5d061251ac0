using FluentValidation;

namespace ChannelBridge.Application.PersonalData.EraseBuyerData;

internal sealed class EraseBuyerDataCommandValidator : AbstractValidator<EraseBuyerDataCommand>
{
    public const int MaxReferences = 1000;

    public EraseBuyerDataCommandValidator()
    {
        RuleFor(c => c).Must(c => string.IsNullOrWhiteSpace(c.Email) != (c.References is null))
            .WithMessage("Send either Email (the buyer's address) or References (the orders' ReferenceNumbers), not both.");
        RuleFor(c => c.Email).MaximumLength(255).Must(e => e is null || e.Contains('@', StringComparison.Ordinal))
            .WithMessage("Email is not an email address.");
        RuleFor(c => c.References).Must(r => r is null || r.Count is > 0 and <= MaxReferences)
            .WithMessage($"Send between 1 and {MaxReferences} References.");
        RuleForEach(c => c.References).Must(r => r is { Length: > 0 and <= Domain.Orders.OrderRules.ReferenceMaxLength } && !string.IsNullOrWhiteSpace(r))
            .WithMessage("Every reference must be a ReferenceNumber (1 to 100 characters).");
    }
}
