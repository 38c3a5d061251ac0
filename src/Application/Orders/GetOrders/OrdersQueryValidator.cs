using FluentValidation;

namespace ChannelBridge.Application.Orders.GetOrders;

internal sealed class OrdersQueryValidator : AbstractValidator<OrdersQuery>
{
    public OrdersQueryValidator()
    {
        RuleFor(q => q.UTCTimeFrom).NotNull().WithMessage("UTCTimeFrom is required (yyyy-MM-dd HH:mm:ssZ).");
        RuleFor(q => q.PageNumber).GreaterThanOrEqualTo(1).WithMessage("PageNumber starts at 1.");
    }
}
