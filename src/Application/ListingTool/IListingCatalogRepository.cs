namespace ChannelBridge.Application.ListingTool;

/// <summary>
/// The channel-wide listing configuration the operator uploads (settings, categories, attributes and variations
/// per category). Each upload replaces its document whole in one transaction, so Linnworks never reads half of
/// one; categories are versioned, and a GetCategories run keeps the version it started on.
/// </summary>
public interface IListingCatalogRepository
{
    Task<string?> GetDocumentAsync(ListingDocumentKind kind, string key, CancellationToken cancellationToken);

    Task<IReadOnlyList<string>> GetDocumentsAsync(ListingDocumentKind kind, IReadOnlyCollection<string> keys, CancellationToken cancellationToken);

    Task SaveDocumentAsync(ListingDocumentKind kind, string key, string json, CancellationToken cancellationToken);

    Task ReplaceCategoriesAsync(IReadOnlyList<CategoryDto> categories, CancellationToken cancellationToken);

    Task<IReadOnlyList<CategoryDto>> GetCategoriesAsync(CancellationToken cancellationToken);

    /// <summary>A page of the category version the integration's run started on (page 1 starts a run on the current one).</summary>
    Task<(IReadOnlyList<CategoryDto> Categories, bool HasMorePages)> GetCategoryPageAsync(string integrationId, int pageNumber, int pageSize, CancellationToken cancellationToken);
}

public enum ListingDocumentKind
{
    Settings,
    Attributes,
    Variations,
}
