using System.Text.Json.Serialization;
using ChannelBridge.Domain.Common;
using ChannelBridge.Domain.Listings;
using FluentValidation;
using MediatR;

namespace ChannelBridge.Application.Listings.DeleteProducts;

/// <summary>
/// The channel removes many listings at once by SKU (a catalogue closed, a category withdrawn), in one transaction,
/// rather than one call per SKU against its key's calls a minute. One result per SKU sent, in order.
/// </summary>
public sealed record DeleteProductsCommand(string StoreId, IReadOnlyList<string?>? SKUs) : Stores.IChannelRequest<DeleteProductsResponse>;

public sealed class DeleteProductsResponse
{
    /// <summary>One per SKU sent, in the order sent.</summary>
    public IReadOnlyList<ProductDeleteResult> Results { get; set; } = [];
}

public sealed class ProductDeleteResult
{
    /// <summary>Trimmed, as listings are stored; as sent when Rejected.</summary>
    public string? SKU { get; set; }

    public DeleteStatus Status { get; set; }

    public IReadOnlyList<string> Errors { get; set; } = [];
}

/// <summary>What a batch delete did with one SKU. On the wire by name ("Deleted").</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DeleteStatus>))]
public enum DeleteStatus
{
    /// <summary>The store held it: removed, its room under the store's limit given back.</summary>
    Deleted,

    /// <summary>The store does not hold it: it never did, or it was deleted before (by this same call sent earlier, for one).</summary>
    NotFound,

    /// <summary>Refused: Errors say why; nothing done for it.</summary>
    Rejected,
}

/// <summary>Deletes every SKU that is well formed and sent once; each other one is answered Rejected.</summary>
internal sealed class DeleteProductsCommandHandler(IListingRepository listings, Domain.Stores.IStoreRepository stores)
    : IRequestHandler<DeleteProductsCommand, Result<DeleteProductsResponse>>
{
    public async Task<Result<DeleteProductsResponse>> Handle(DeleteProductsCommand request, CancellationToken cancellationToken)
    {
        if (await stores.GetAccessAsync(request.StoreId, cancellationToken) is null)
        {
            return Result<DeleteProductsResponse>.Failure(Error.NotFound($"Store '{request.StoreId}' was not found."));
        }

        var results = new ProductDeleteResult[request.SKUs!.Count];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < results.Length; i++)
        {
            var sent = request.SKUs[i];
            var sku = sent?.Trim() ?? string.Empty;
            var problem = sku.Length == 0 ? "SKU is required."
                : sku.Length > Listing.SkuMaxLength ? $"SKU is longer than {Listing.SkuMaxLength} characters."
                : !seen.Add(sku) ? $"SKU '{sku}' appears more than once in this batch."
                : null;
            results[i] = problem is null
                ? new ProductDeleteResult { SKU = sku, Status = DeleteStatus.NotFound }
                : new ProductDeleteResult { SKU = sent, Status = DeleteStatus.Rejected, Errors = [problem] };
        }

        var deleted = await listings.DeleteAsync(request.StoreId, seen, cancellationToken);
        foreach (var result in results.Where(r => r.Status == DeleteStatus.NotFound && deleted.Contains(r.SKU!)))
        {
            result.Status = DeleteStatus.Deleted;
        }

        return new DeleteProductsResponse { Results = results };
    }
}

internal sealed class DeleteProductsCommandValidator : AbstractValidator<DeleteProductsCommand>
{
    public const int MaxSkus = UpsertProducts.UpsertProductsCommandValidator.MaxProducts;

    public DeleteProductsCommandValidator() =>
        RuleFor(c => c.SKUs).NotNull().WithMessage("SKUs is required.")
            .Must(s => s is null || s.Count is > 0 and <= MaxSkus).WithMessage($"Send between 1 and {MaxSkus} SKUs per call.");
}
