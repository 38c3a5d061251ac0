using System.Text.Json;
using ChannelBridge.Application.Stores;
using ChannelBridge.Domain.Common;
using FluentValidation;
using MediatR;

namespace ChannelBridge.Application.ListingTool.ReplaceCategoryDocument;

/// <summary>The operator replaces one category's attributes (GetAttributesByCategory), whole.</summary>
public sealed record ReplaceCategoryAttributesCommand(long CategoryId, IReadOnlyList<AttributeDto>? Attributes) : IChannelRequest<CategoryAttributesDto>;

public sealed class CategoryAttributesDto
{
    public List<AttributeDto> Attributes { get; set; } = [];
}

/// <summary>The operator replaces one category's variation rules (GetVariationsByCategory), whole.</summary>
public sealed record ReplaceCategoryVariationsCommand(long CategoryId, CategoryVariationsDto? Variations) : IChannelRequest<CategoryVariationsDto>;

internal sealed class ReplaceCategoryDocumentHandlers(IListingCatalogRepository catalog)
    : IRequestHandler<ReplaceCategoryAttributesCommand, Result<CategoryAttributesDto>>, IRequestHandler<ReplaceCategoryVariationsCommand, Result<CategoryVariationsDto>>
{
    public async Task<Result<CategoryAttributesDto>> Handle(ReplaceCategoryAttributesCommand request, CancellationToken cancellationToken)
    {
        if (!await IsKnownAsync(request.CategoryId, cancellationToken))
        {
            return Result<CategoryAttributesDto>.Failure(UnknownCategory(request.CategoryId));
        }

        var document = new CategoryAttributesDto { Attributes = [.. request.Attributes!] };
        await catalog.SaveDocumentAsync(ListingDocumentKind.Attributes, Key(request.CategoryId), JsonSerializer.Serialize(document), cancellationToken);
        return document;
    }

    public async Task<Result<CategoryVariationsDto>> Handle(ReplaceCategoryVariationsCommand request, CancellationToken cancellationToken)
    {
        if (!await IsKnownAsync(request.CategoryId, cancellationToken))
        {
            return Result<CategoryVariationsDto>.Failure(UnknownCategory(request.CategoryId));
        }

        await catalog.SaveDocumentAsync(ListingDocumentKind.Variations, Key(request.CategoryId), JsonSerializer.Serialize(request.Variations), cancellationToken);
        return request.Variations!;
    }

    internal static string Key(long categoryId) => categoryId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static Error UnknownCategory(long categoryId) => Error.NotFound($"Category {categoryId} is not one of the channel's categories; upload it first.");

    private async Task<bool> IsKnownAsync(long categoryId, CancellationToken cancellationToken) =>
        (await catalog.GetCategoriesAsync(cancellationToken)).Any(c => c.CategoryId == categoryId);
}

internal sealed class ReplaceCategoryAttributesCommandValidator : AbstractValidator<ReplaceCategoryAttributesCommand>
{
    public const int MaxAttributes = 1000;

    public ReplaceCategoryAttributesCommandValidator()
    {
        RuleFor(c => c.Attributes).NotNull().WithMessage("Attributes is required.")
            .Must(a => a is null || a.Count <= MaxAttributes).WithMessage($"At most {MaxAttributes} attributes.")
            .Must(a => a is null || a.Select(x => x.ID).Distinct(StringComparer.Ordinal).Count() == a.Count).WithMessage("Every attribute ID must be unique.");
        RuleForEach(c => c.Attributes).ChildRules(a =>
        {
            a.RuleFor(x => x.ID).NotEmpty().MaximumLength(100);
            a.RuleFor(x => x.FriendlyName).NotEmpty().MaximumLength(255);
            a.RuleFor(x => x.MaxAttributeUse).GreaterThanOrEqualTo(1);
            a.RuleFor(x => x.ValueOptions).NotEmpty().When(x => x.ValueFromOptionsList).WithMessage("ValueFromOptionsList needs ValueOptions.");
        });
    }
}

internal sealed class ReplaceCategoryVariationsCommandValidator : AbstractValidator<ReplaceCategoryVariationsCommand>
{
    public ReplaceCategoryVariationsCommandValidator()
    {
        RuleFor(c => c.Variations).NotNull().WithMessage("The variations are required.");
        RuleFor(c => c.Variations!.MaxVariationAttributes).GreaterThanOrEqualTo(0).When(c => c.Variations is not null);
        RuleFor(c => c.Variations!.NeededVariations)
            .Must(v => v.Select(x => x.VariationName).Distinct(StringComparer.Ordinal).Count() == v.Count).WithMessage("Every VariationName must be unique.")
            .When(c => c.Variations is not null);
        RuleForEach(c => c.Variations!.NeededVariations).ChildRules(v => v.RuleFor(x => x.VariationName).NotEmpty()).When(c => c.Variations is not null);
    }
}
