using ChannelBridge.Application.Stores;
using ChannelBridge.Domain.Common;
using FluentValidation;
using MediatR;

namespace ChannelBridge.Application.ListingTool.ReplaceListingCategories;

/// <summary>The operator replaces the channel's categories, whole: a new version that download runs switch to at page 1.</summary>
public sealed record ReplaceListingCategoriesCommand(IReadOnlyList<CategoryDto>? Categories) : IChannelRequest<CategoriesReplaced>;

public sealed record CategoriesReplaced(int Count);

internal sealed class ReplaceListingCategoriesCommandHandler(IListingCatalogRepository catalog) : IRequestHandler<ReplaceListingCategoriesCommand, Result<CategoriesReplaced>>
{
    public async Task<Result<CategoriesReplaced>> Handle(ReplaceListingCategoriesCommand request, CancellationToken cancellationToken)
    {
        var categories = request.Categories!.Select(c => new CategoryDto { CategoryId = c.CategoryId, CategoryName = c.CategoryName.Trim() }).ToList();
        await catalog.ReplaceCategoriesAsync(categories, cancellationToken);
        return new CategoriesReplaced(categories.Count);
    }
}

internal sealed class ReplaceListingCategoriesCommandValidator : AbstractValidator<ReplaceListingCategoriesCommand>
{
    public const int MaxCategories = 100_000;

    public ReplaceListingCategoriesCommandValidator()
    {
        RuleFor(c => c.Categories).NotNull().WithMessage("Categories is required.")
            .Must(c => c is null || c.Count <= MaxCategories).WithMessage($"At most {MaxCategories} categories.")
            .Must(c => c is null || c.Select(x => x.CategoryId).Distinct().Count() == c.Count).WithMessage("Every CategoryId must be unique.");
        RuleForEach(c => c.Categories).ChildRules(c =>
        {
            c.RuleFor(x => x.CategoryId).GreaterThan(0);
            c.RuleFor(x => x.CategoryName).NotEmpty().MaximumLength(500);
        });
    }
}
