using ChannelBridge.Application.Orders.UpsertOrders;
using FluentValidation;

namespace ChannelBridge.Application.Orders.UpdateOrderStatuses;

internal sealed class UpdateOrderStatusesCommandValidator : AbstractValidator<UpdateOrderStatusesCommand>
{
    public UpdateOrderStatusesCommandValidator() =>
        RuleFor(c => c.Orders).NotNull().WithMessage("Orders is required.")
            .Must(o => o is null || o.Count is > 0 and <= UpsertOrdersCommandValidator.MaxOrders)
            .WithMessage($"Send between 1 and {UpsertOrdersCommandValidator.MaxOrders} orders per call.");
}
