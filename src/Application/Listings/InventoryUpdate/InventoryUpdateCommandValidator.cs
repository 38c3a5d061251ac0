using FluentValidation;

namespace ChannelBridge.Application.Listings.InventoryUpdate;

internal sealed class InventoryUpdateCommandValidator : AbstractValidator<InventoryUpdateCommand>
{
    public const int MaxItems = Common.Linnworks.LinnworksBatchLimits.InventoryUpdate;

    public InventoryUpdateCommandValidator() =>
        RuleFor(c => c.Products).NotNull().WithMessage("Products is required.")
            .Must(p => p is null || p.Count <= MaxItems).WithMessage($"At most {MaxItems} products per call.");
}
