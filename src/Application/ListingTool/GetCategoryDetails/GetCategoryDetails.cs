using System.Text.Json;
using System.Text.Json.Serialization;
using ChannelBridge.Application.Common.Calls;
using ChannelBridge.Application.Common.Linnworks;
using ChannelBridge.Application.ListingTool.ReplaceCategoryDocument;
using ChannelBridge.Application.OAuth;
using FluentValidation;

namespace ChannelBridge.Application.ListingTool.GetCategoryDetails;

/// <summary>GetAttributesByCategory: the attributes of the given categories (one per ID, first category wins).</summary>
[OAuthScope(OAuthScopeAttribute.Listings)]
public sealed record GetAttributesByCategoryQuery : ILinnworksRequest<GetAttributesByCategoryResponse>, IRequireAuthToken, ICategoryRequest
{
    public string? AuthorizationToken { get; init; }

    public IReadOnlyList<string>? CategoryIds { get; init; }

    public IReadOnlyList<GeneralSettingDto>? GeneralSettings { get; init; }
}

/// <summary>GetVariationsByCategory (the docs call its request ConfigTestRequest): the variation rules of the categories.</summary>
[OAuthScope(OAuthScopeAttribute.Listings)]
public sealed record GetVariationsByCategoryQuery : ILinnworksRequest<GetVariationsByCategoryResponse>, IRequireAuthToken, ICategoryRequest
{
    public string? AuthorizationToken { get; init; }

    public IReadOnlyList<string>? CategoryIds { get; init; }

    public IReadOnlyList<GeneralSettingDto>? GeneralSettings { get; init; }
}

public interface ICategoryRequest
{
    IReadOnlyList<string>? CategoryIds { get; }
}

/// <summary>A configurator setting's value(s) as Linnworks sends them: the table says <c>Value</c>, the sample <c>Values</c>.</summary>
public sealed class GeneralSettingDto
{
    public string? ID { get; set; }

    public List<string>? Values { get; set; }

    [JsonPropertyName("Value")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<string>? ValueAlias
    {
        get => null;
        set => Values ??= value;
    }
}

public sealed class GetAttributesByCategoryResponse : LinnworksResponse
{
    public IReadOnlyList<AttributeDto> Attributes { get; set; } = [];
}

public sealed class GetVariationsByCategoryResponse : LinnworksResponse
{
    public int MaxVariationAttributes { get; set; }

    public IReadOnlyList<NeededVariationDto> NeededVariations { get; set; } = [];
}

internal sealed class GetCategoryDetailsHandlers(CallContext call, IListingCatalogRepository catalog)
    : LinnworksRequestHandler<GetAttributesByCategoryQuery, GetAttributesByCategoryResponse>(call)
{
    protected override async Task<GetAttributesByCategoryResponse> HandleAsync(GetAttributesByCategoryQuery request, CancellationToken cancellationToken)
    {
        var documents = await catalog.GetDocumentsAsync(ListingDocumentKind.Attributes, Keys(request), cancellationToken);
        return new GetAttributesByCategoryResponse
        {
            Attributes = [.. documents.SelectMany(d => JsonSerializer.Deserialize<CategoryAttributesDto>(d)!.Attributes).DistinctBy(a => a.ID, StringComparer.Ordinal)],
        };
    }

    internal static IReadOnlyCollection<string> Keys(ICategoryRequest request) =>
        [.. (request.CategoryIds ?? []).Select(c => c?.Trim()).OfType<string>().Where(c => c.Length > 0).Distinct(StringComparer.Ordinal)];
}

internal sealed class GetVariationsByCategoryQueryHandler(CallContext call, IListingCatalogRepository catalog)
    : LinnworksRequestHandler<GetVariationsByCategoryQuery, GetVariationsByCategoryResponse>(call)
{
    protected override async Task<GetVariationsByCategoryResponse> HandleAsync(GetVariationsByCategoryQuery request, CancellationToken cancellationToken)
    {
        var rules = (await catalog.GetDocumentsAsync(ListingDocumentKind.Variations, GetCategoryDetailsHandlers.Keys(request), cancellationToken))
            .Select(d => JsonSerializer.Deserialize<CategoryVariationsDto>(d)!).ToList();
        // A listing in several categories must satisfy each: the smallest maximum, every needed variation.
        return new GetVariationsByCategoryResponse
        {
            MaxVariationAttributes = rules.Count == 0 ? 0 : rules.Min(r => r.MaxVariationAttributes),
            NeededVariations = [.. rules.SelectMany(r => r.NeededVariations).DistinctBy(v => v.VariationName, StringComparer.Ordinal)],
        };
    }
}

internal sealed class GetAttributesByCategoryQueryValidator : AbstractValidator<GetAttributesByCategoryQuery>
{
    public GetAttributesByCategoryQueryValidator() =>
        RuleFor(q => q.CategoryIds).NotEmpty().WithMessage("CategoryIds is required.").Must(c => c is null || c.Count <= 100).WithMessage("At most 100 CategoryIds.");
}

internal sealed class GetVariationsByCategoryQueryValidator : AbstractValidator<GetVariationsByCategoryQuery>
{
    public GetVariationsByCategoryQueryValidator() =>
        RuleFor(q => q.CategoryIds).NotEmpty().WithMessage("CategoryIds is required.").Must(c => c is null || c.Count <= 100).WithMessage("At most 100 CategoryIds.");
}
