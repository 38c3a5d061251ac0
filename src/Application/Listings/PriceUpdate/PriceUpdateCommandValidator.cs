using FluentValidation;

namespace ChannelBridge.Application.Listings.PriceUpdate;

internal sealed class PriceUpdateCommandValidator : AbstractValidator<PriceUpdateCommand>
{
    public const int MaxItems = Common.Linnworks.LinnworksBatchLimits.PriceUpdate;

    public PriceUpdateCommandValidator() =>
        RuleFor(c => c.Products).NotNull().WithMessage("Products is required.")
            .Must(p => p is null || p.Count <= MaxItems).WithMessage($"At most {MaxItems} products per call.");
}
