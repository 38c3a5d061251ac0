using FluentValidation;

namespace ChannelBridge.Application.Listings.UpsertProducts;

internal sealed class UpsertProductsCommandValidator : AbstractValidator<UpsertProductsCommand>
{
    public const int MaxProducts = 10_000;

    public UpsertProductsCommandValidator() =>
        RuleFor(c => c.Products).NotNull().WithMessage("Products is required.")
            .Must(p => p is null || p.Count is > 0 and <= MaxProducts).WithMessage($"Send between 1 and {MaxProducts} products per call.");
}
