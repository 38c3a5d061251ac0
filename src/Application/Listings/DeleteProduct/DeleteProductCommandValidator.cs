using FluentValidation;

namespace ChannelBridge.Application.Listings.DeleteProduct;

internal sealed class DeleteProductCommandValidator : AbstractValidator<DeleteProductCommand>
{
    public DeleteProductCommandValidator() =>
        RuleFor(c => c.Sku).NotEmpty().WithMessage("sku is required: the SKU of the listing to remove.");
}
