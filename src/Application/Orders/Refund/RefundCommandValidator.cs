using ChannelBridge.Domain.Common;
using FluentValidation;

namespace ChannelBridge.Application.Orders.Refund;

internal sealed class RefundCommandValidator : AbstractValidator<RefundCommand>
{
    public RefundCommandValidator()
    {
        RuleFor(c => c.Refund).NotNull().WithMessage("Refund is required.");
        RuleFor(c => c.Refund!.ReferenceNumber).NotEmpty().When(c => c.Refund is not null).WithMessage("ReferenceNumber is required.");
        RuleFor(c => c.Refund!.ReferenceNumber).Must(r => r is null || !Domain.Orders.OrderRules.NamesNoOrder(r.Trim())).When(c => c.Refund is not null)
            .WithMessage(Domain.Orders.OrderRules.ReferenceNamesNoOrder);
        RuleFor(c => c.Refund!.RefundShippingAmount).GreaterThanOrEqualTo(0).When(c => c.Refund is not null).WithMessage("RefundShippingAmount cannot be negative.");
        RuleForEach(c => c.Refund!.Items).Must(i => i.RefundAmount >= 0).When(c => c.Refund is not null).WithMessage("RefundAmount cannot be negative.");

        // The feed carries the refund to the platform, whose amounts are money as ours are (DECIMAL(19,4)).
        RuleFor(c => c.Refund!.RefundShippingAmount).LessThanOrEqualTo(Money.Max).When(c => c.Refund is not null)
            .WithMessage($"RefundShippingAmount cannot be more than {Money.Max}.");
        RuleForEach(c => c.Refund!.Items).Must(i => i.RefundAmount <= Money.Max).When(c => c.Refund is not null)
            .WithMessage($"RefundAmount cannot be more than {Money.Max}.");
    }
}
