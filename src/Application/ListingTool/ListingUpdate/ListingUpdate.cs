using System.Text.Json;
using ChannelBridge.Application.Common.Calls;
using ChannelBridge.Application.Common.Linnworks;
using ChannelBridge.Application.OAuth;
using ChannelBridge.Domain.ListingFeeds;
using FluentValidation;

namespace ChannelBridge.Application.ListingTool.ListingUpdate;

/// <summary>ListingUpdate (CREATE or UPDATE): one job per listing for the platform; answers the feed id to poll with CheckFeed.</summary>
[OAuthScope(OAuthScopeAttribute.Listings)]
public sealed record ListingUpdateCommand : ILinnworksRequest<ListingFeedResponse>, IRequireLinkedStore
{
    public string? AuthorizationToken { get; init; }

    public ListingUpdateType Type { get; init; }

    /// <summary>Kept as Linnworks sent them (the platform gets each whole).</summary>
    public IReadOnlyList<JsonElement>? Listings { get; init; }

    public JsonElement? Settings { get; init; }
}

/// <summary>ListingDelete: one job per listing to end on the platform.</summary>
[OAuthScope(OAuthScopeAttribute.Listings)]
public sealed record ListingDeleteCommand : ILinnworksRequest<ListingFeedResponse>, IRequireLinkedStore
{
    public string? AuthorizationToken { get; init; }

    /// <summary><c>{ChannelSKU, ExternalListingId, TemplateId}</c>; TemplateId and ExternalListingId as numbers or strings.</summary>
    public IReadOnlyList<JsonElement>? ExternalListingIds { get; init; }
}

public sealed class ListingFeedResponse : LinnworksResponse
{
    public string ChannelFeedId { get; set; } = string.Empty;
}

internal sealed class ListingFeedCommandHandlers(CallContext call, ListingFeedRecorder recorder)
    : LinnworksRequestHandler<ListingUpdateCommand, ListingFeedResponse>(call)
{
    protected override Task<ListingFeedResponse> HandleAsync(ListingUpdateCommand request, CancellationToken cancellationToken) =>
        Answer(recorder.RecordAsync(
            Call.Store.Id, Call.UserConfig.Id, request.Type == ListingUpdateType.CREATE ? ListingFeedKind.Create : ListingFeedKind.Update,
            request.Listings!, cancellationToken));

    internal static async Task<ListingFeedResponse> Answer(Task<Domain.Common.Result<string>> recording)
    {
        var feed = await recording;
        return feed.TryGetValue(out var id) ? new ListingFeedResponse { ChannelFeedId = id } : new ListingFeedResponse { Error = feed.ErrorMessage };
    }
}

internal sealed class ListingDeleteCommandHandler(CallContext call, ListingFeedRecorder recorder)
    : LinnworksRequestHandler<ListingDeleteCommand, ListingFeedResponse>(call)
{
    protected override Task<ListingFeedResponse> HandleAsync(ListingDeleteCommand request, CancellationToken cancellationToken) =>
        ListingFeedCommandHandlers.Answer(recorder.RecordAsync(Call.Store.Id, Call.UserConfig.Id, ListingFeedKind.Delete, request.ExternalListingIds!, cancellationToken));
}

internal sealed class ListingUpdateCommandValidator : AbstractValidator<ListingUpdateCommand>
{
    public const int MaxListings = Common.Linnworks.LinnworksBatchLimits.ListingUpdate;

    public ListingUpdateCommandValidator() =>
        RuleFor(c => c.Listings).NotEmpty().WithMessage("Listings is required.")
            .Must(l => l is null || l.Count <= MaxListings).WithMessage($"At most {MaxListings} listings per ListingUpdate.");
}

internal sealed class ListingDeleteCommandValidator : AbstractValidator<ListingDeleteCommand>
{
    public ListingDeleteCommandValidator() =>
        RuleFor(c => c.ExternalListingIds).NotEmpty().WithMessage("ExternalListingIds is required.")
            .Must(l => l is null || l.Count <= 1000).WithMessage("At most 1000 listings per ListingDelete.");
}
