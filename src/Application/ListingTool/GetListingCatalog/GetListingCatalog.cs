using ChannelBridge.Application.ListingTool.ReplaceCategoryDocument;
using ChannelBridge.Application.Stores;
using ChannelBridge.Domain.Common;
using MediatR;

namespace ChannelBridge.Application.ListingTool.GetListingCatalog;

/// <summary>One uploaded listing document as stored (settings; a category's attributes or variations), as JSON.</summary>
public sealed record GetListingDocumentQuery(ListingDocumentKind Kind, long? CategoryId) : IChannelRequest<string>;

/// <summary>The channel's current categories.</summary>
public sealed record GetListingCategoriesQuery : IChannelRequest<ListingCategoriesDto>;

public sealed class ListingCategoriesDto
{
    public IReadOnlyList<CategoryDto> Categories { get; set; } = [];
}

internal sealed class GetListingCatalogHandlers(IListingCatalogRepository catalog)
    : IRequestHandler<GetListingDocumentQuery, Result<string>>, IRequestHandler<GetListingCategoriesQuery, Result<ListingCategoriesDto>>
{
    public async Task<Result<string>> Handle(GetListingDocumentQuery request, CancellationToken cancellationToken)
    {
        var key = request.CategoryId is { } id ? ReplaceCategoryDocumentHandlers.Key(id) : string.Empty;
        var json = await catalog.GetDocumentAsync(request.Kind, key, cancellationToken);
        return json is not null ? json : Result<string>.Failure(Error.NotFound($"No {request.Kind.ToString().ToLowerInvariant()} have been uploaded{(request.CategoryId is { } c ? $" for category {c}" : string.Empty)}."));
    }

    public async Task<Result<ListingCategoriesDto>> Handle(GetListingCategoriesQuery request, CancellationToken cancellationToken) =>
        new ListingCategoriesDto { Categories = await catalog.GetCategoriesAsync(cancellationToken) };
}
