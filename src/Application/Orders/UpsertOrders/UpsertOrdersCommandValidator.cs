using FluentValidation;

namespace ChannelBridge.Application.Orders.UpsertOrders;

internal sealed class UpsertOrdersCommandValidator : AbstractValidator<UpsertOrdersCommand>
{
    public const int MaxOrders = 2000;

    public UpsertOrdersCommandValidator() =>
        RuleFor(c => c.Orders).NotNull().WithMessage("Orders is required.")
            .Must(o => o is null || o.Count is > 0 and <= MaxOrders).WithMessage($"Send between 1 and {MaxOrders} orders per call.");
}
