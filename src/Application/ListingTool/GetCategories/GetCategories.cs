using ChannelBridge.Application.Common.Calls;
using ChannelBridge.Application.Common.Linnworks;
using ChannelBridge.Application.OAuth;
using FluentValidation;

namespace ChannelBridge.Application.ListingTool.GetCategories;

/// <summary>GetCategories: the channel's categories in stable pages (a run keeps the version it started on).</summary>
[OAuthScope(OAuthScopeAttribute.Listings)]
public sealed record GetCategoriesQuery : ILinnworksRequest<GetCategoriesResponse>, IRequireAuthToken
{
    public string? AuthorizationToken { get; init; }

    public int PageNumber { get; init; }
}

public sealed class GetCategoriesResponse : LinnworksResponse
{
    public bool HasMorePages { get; set; }

    public IReadOnlyList<CategoryDto> Categories { get; set; } = [];
}

internal sealed class GetCategoriesQueryHandler(CallContext call, IListingCatalogRepository catalog)
    : LinnworksRequestHandler<GetCategoriesQuery, GetCategoriesResponse>(call)
{
    public const int PageSize = 100;

    protected override async Task<GetCategoriesResponse> HandleAsync(GetCategoriesQuery request, CancellationToken cancellationToken)
    {
        var (categories, more) = await catalog.GetCategoryPageAsync(Call.UserConfig.Id, request.PageNumber, PageSize, cancellationToken);
        return new GetCategoriesResponse { Categories = categories, HasMorePages = more };
    }
}

internal sealed class GetCategoriesQueryValidator : AbstractValidator<GetCategoriesQuery>
{
    public GetCategoriesQueryValidator() => RuleFor(q => q.PageNumber).GreaterThanOrEqualTo(1).WithMessage("PageNumber starts at 1.");
}
