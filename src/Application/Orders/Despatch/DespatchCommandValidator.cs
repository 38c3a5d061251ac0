using FluentValidation;

namespace ChannelBridge.Application.Orders.Despatch;

internal sealed class DespatchCommandValidator : AbstractValidator<DespatchCommand>
{
    public const int MaxOrders = Common.Linnworks.LinnworksBatchLimits.Despatch;

    public DespatchCommandValidator() =>
        RuleFor(c => c.Orders).NotNull().WithMessage("Orders is required.")
            .Must(o => o is null || o.Count <= MaxOrders).WithMessage($"At most {MaxOrders} orders per Despatch call.");
}
