using System.Text.Json;
using ChannelBridge.Application.Common;
using ChannelBridge.Application.Common.Ports;
using ChannelBridge.Application.Stores;
using ChannelBridge.Domain.Common;
using ChannelBridge.Domain.ListingFeeds;
using ChannelBridge.Domain.Listings;
using FluentValidation;
using MediatR;

namespace ChannelBridge.Application.ListingTool.ReportListingResults;

/// <summary>
/// The platform reports listing jobs' outcomes. A created or updated listing becomes a listing of the store
/// (each ChannelReference: the listing, or each variation, with the Reference Products and CheckFeed report);
/// a confirmed delete removes it. Unknown feed → 404; unknown SKU or a different second outcome → refused per
/// item; the same outcome again changes nothing.
/// </summary>
public sealed record ReportListingResultsCommand(string StoreId, string? ChannelFeedId, IReadOnlyList<ListingResultDto>? Results) : IChannelRequest<ListingResultsResponse>;

public sealed class ListingResultsResponse
{
    public bool IsFeedReady { get; set; }

    public IReadOnlyList<ListingResultStatus> Results { get; set; } = [];
}

public sealed record ListingResultStatus(string SKU, ListingReportStatus Status, IReadOnlyList<string> Errors);

/// <summary>What became of one SKU of a platform's report. On the wire by name ("Recorded").</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<ListingReportStatus>))]
public enum ListingReportStatus
{
    /// <summary>First report for the SKU: recorded, and its effects applied.</summary>
    Recorded,

    /// <summary>The same report again: nothing changed.</summary>
    Unchanged,

    /// <summary>Refused: Errors say why.</summary>
    Rejected,
}

/// <summary>
/// Records the platform's report of listing jobs (<see cref="ReportListingResultsCommand"/>).
/// A platform works a feed's jobs in parallel and reports each as it finishes, and its HTTP client takes a 4xx as final: a
/// report that meets another report of the feed, or a stock level on a listing it changes, is decided again on what is
/// stored now, with the store's writes held after the first attempt (ADR-037), as every other batch of a store's listings
/// is, rather than answered "conflict".
/// </summary>
internal sealed class ReportListingResultsCommandHandler(IListingFeedRepository feeds, IListingRepository listings, IStoreWriteLock storeLock, TimeProvider time)
    : IRequestHandler<ReportListingResultsCommand, Result<ListingResultsResponse>>
{
    public async Task<Result<ListingResultsResponse>> Handle(ReportListingResultsCommand request, CancellationToken cancellationToken)
    {
        var answered = await ConflictRetry.RunAsync(
            () => ReportOnceAsync(request, cancellationToken),
            storeLock,
            request.StoreId,
            "This feed's jobs were being reported at the same time. Retry the call.",
            cancellationToken);
        if (answered.IsFailure)
        {
            return Result<ListingResultsResponse>.Failure(answered.Errors);
        }

        return answered.Value is { } response
            ? response
            : Result<ListingResultsResponse>.Failure(Error.NotFound($"Feed '{request.ChannelFeedId}' is not a listing feed of store {request.StoreId}."));
    }

    /// <summary>One attempt: the feed read, each result decided on it, and what changed saved in one transaction; null for no such feed.</summary>
    private async Task<ListingResultsResponse?> ReportOnceAsync(ReportListingResultsCommand request, CancellationToken cancellationToken)
    {
        var feed = await feeds.GetAsync(request.StoreId, request.ChannelFeedId!.Trim(), cancellationToken);
        if (feed is null)
        {
            return null;
        }

        var outcome = new Outcome();
        foreach (var result in request.Results!)
        {
            Record(feed, result, outcome);
        }

        if (outcome.Reported.Count > 0)
        {
            var toSave = await ListingsToSaveAsync(request.StoreId, outcome.ListingChanges, cancellationToken);
            await feeds.SaveResultsAsync(feed, outcome.Reported, toSave, outcome.Deleted, cancellationToken);
        }

        return new ListingResultsResponse { IsFeedReady = feed.IsReady, Results = outcome.Statuses };
    }

    /// <summary>One SKU's report: refused (unknown job, or a different second outcome), the same again, or recorded with its effects.</summary>
    private static void Record(ListingFeed feed, ListingResultDto result, Outcome outcome)
    {
        var sku = result.SKU!.Trim();
        var job = feed.Items.FirstOrDefault(i => i.SKU == sku);
        var effects = job is null ? Result<Effects>.Failure(Error.NotFound($"SKU '{sku}' is not a job of feed {feed.FeedId}.")) : EffectsOf(feed.Kind, job, result);
        if (!effects.TryGetValue(out var effect))
        {
            outcome.Statuses.Add(new ListingResultStatus(sku, ListingReportStatus.Rejected, [.. effects.Errors.Select(e => e.Message)]));
            return;
        }

        var recorded = feed.Report(sku, JsonSerializer.Serialize(result));
        if (!recorded.TryGetValue(out var isNew))
        {
            outcome.Statuses.Add(new ListingResultStatus(sku, ListingReportStatus.Rejected, [.. recorded.Errors.Select(e => e.Message)]));
            return;
        }

        outcome.Statuses.Add(new ListingResultStatus(sku, isNew ? ListingReportStatus.Recorded : ListingReportStatus.Unchanged, []));
        if (isNew)
        {
            outcome.Reported.Add(feed.Items.First(i => i.SKU == sku)); // as Report left it
            outcome.ListingChanges.AddRange(effect.Listings);
            outcome.Deleted.AddRange(effect.Deleted);
        }
    }

    /// <summary>The store's listings as the reported outcomes make them: new ones created, existing ones replaced where they change.</summary>
    private async Task<List<Listing>> ListingsToSaveAsync(string storeId, List<(string Sku, ListingData Data)> changes, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var existing = await listings.GetBySkusAsync(storeId, [.. changes.Select(c => c.Sku)], cancellationToken);
        var toSave = new List<Listing>();
        foreach (var (sku, data) in changes)
        {
            if (!existing.TryGetValue(sku, out var listing))
            {
                toSave.Add(Listing.Create(storeId, data, now));
            }
            else if (listing.Replace(data, now))
            {
                toSave.Add(listing);
            }
        }

        return toSave;
    }

    /// <summary>What one report call adds up to.</summary>
    private sealed class Outcome
    {
        public List<ListingResultStatus> Statuses { get; } = [];

        public List<ListingFeedItem> Reported { get; } = [];

        public List<(string Sku, ListingData Data)> ListingChanges { get; } = [];

        public List<string> Deleted { get; } = [];
    }

    private sealed record Effects(IReadOnlyList<(string Sku, ListingData Data)> Listings, IReadOnlyList<string> Deleted);

    /// <summary>What a successful outcome does to the store's listings; an outcome with an Error message changes none.</summary>
    private static Result<Effects> EffectsOf(ListingFeedKind kind, ListingFeedItem job, ListingResultDto result)
    {
        if (result.Failed)
        {
            return new Effects([], []);
        }

        var references = result.ChannelReferences.Count > 0
            ? result.ChannelReferences
            : [new ChannelReferenceDto { SKU = job.SKU, Reference = result.ExternalListingId ?? job.SKU }];
        if (kind == ListingFeedKind.Delete)
        {
            return new Effects([], [job.SKU, .. references.Select(r => r.SKU.Trim())]);
        }

        var parsed = ListingJobs.Parse(JsonElement.Parse(job.ListingJson), titleRequired: false);
        var changes = new List<(string, ListingData)>();
        var errors = new List<Error>();
        foreach (var reference in references)
        {
            var listing = ListingFor(job.SKU, parsed, reference);
            if (listing.TryGetValue(out var change))
            {
                changes.Add(change);
            }
            else
            {
                errors.AddRange(listing.Errors);
            }
        }

        return errors.Count > 0 ? Result<Effects>.Failure(errors) : new Effects(changes, []);
    }

    /// <summary>The store listing one ChannelReference stands for: the listing itself or one of its variations, with the reported Reference.</summary>
    private static Result<(string Sku, ListingData Data)> ListingFor(string jobSku, ListingJobs.Parsed parsed, ChannelReferenceDto reference)
    {
        var sku = reference.SKU.Trim();
        var variation = parsed.Variations.FirstOrDefault(v => v.Sku == sku);
        if (sku != jobSku && variation is null)
        {
            return Result<(string, ListingData)>.Failure(Error.Validation($"ChannelReference SKU '{sku}' is neither the listing nor one of its variations."));
        }

        var data = Listing.Validate(
            sku, variation?.Title ?? parsed.Title ?? sku, variation?.Quantity ?? parsed.Quantity, variation?.Price ?? parsed.Price, reference.Reference);
        return data.TryGetValue(out var valid) ? Result.Success((sku, valid)) : Result<(string, ListingData)>.Failure(data.Errors);
    }
}

internal sealed class ReportListingResultsCommandValidator : AbstractValidator<ReportListingResultsCommand>
{
    public ReportListingResultsCommandValidator()
    {
        RuleFor(c => c.ChannelFeedId).NotEmpty().MaximumLength(64);
        RuleFor(c => c.Results).NotEmpty().WithMessage("Results is required.").Must(r => r is null || r.Count <= 1000).WithMessage("At most 1000 results per call.");
        RuleForEach(c => c.Results).ChildRules(r =>
        {
            r.RuleFor(x => x.SKU).NotEmpty();
            r.RuleFor(x => x.ExternalListingId).MaximumLength(100);
            r.RuleFor(x => x.URL).MaximumLength(2000).Must(u => string.IsNullOrEmpty(u) || (Uri.TryCreate(u, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
                .WithMessage("URL must be an absolute http(s) URL.");
            r.RuleFor(x => x.Messages).Must(m => m.Count <= 50).WithMessage("At most 50 messages per listing.");
            r.RuleForEach(x => x.Messages).ChildRules(m => m.RuleFor(x => x.Message).NotEmpty().MaximumLength(2000));
            r.RuleFor(x => x.ChannelReferences).Must(c => c.Count <= 500).WithMessage("At most 500 references per listing.");
            r.RuleForEach(x => x.ChannelReferences).ChildRules(c =>
            {
                c.RuleFor(x => x.SKU).NotEmpty();
                c.RuleFor(x => x.Reference).NotEmpty();
            });
        });
    }
}
