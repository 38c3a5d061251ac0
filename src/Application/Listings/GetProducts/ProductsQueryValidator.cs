using FluentValidation;

namespace ChannelBridge.Application.Listings.GetProducts;

internal sealed class ProductsQueryValidator : AbstractValidator<ProductsQuery>
{
    public ProductsQueryValidator() => RuleFor(q => q.PageNumber).GreaterThanOrEqualTo(1).WithMessage("PageNumber starts at 1.");
}
