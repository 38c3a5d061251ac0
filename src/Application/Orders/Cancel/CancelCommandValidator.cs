using FluentValidation;

namespace ChannelBridge.Application.Orders.Cancel;

internal sealed class CancelCommandValidator : AbstractValidator<CancelCommand>
{
    public CancelCommandValidator()
    {
        RuleFor(c => c.Cancellation).NotNull().WithMessage("Cancellation is required.");
        RuleFor(c => c.Cancellation!.ReferenceNumber).NotEmpty().When(c => c.Cancellation is not null).WithMessage("ReferenceNumber is required.");
        RuleFor(c => c.Cancellation!.ReferenceNumber).Must(r => r is null || !Domain.Orders.OrderRules.NamesNoOrder(r.Trim())).When(c => c.Cancellation is not null)
            .WithMessage(Domain.Orders.OrderRules.ReferenceNamesNoOrder);
        RuleForEach(c => c.Cancellation!.Items).Must(i => i.CancellationQuantity >= 0).When(c => c.Cancellation is not null)
            .WithMessage("CancellationQuantity cannot be negative.");
    }
}
