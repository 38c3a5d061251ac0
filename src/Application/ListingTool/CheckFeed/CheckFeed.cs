using System.Globalization;
using System.Text.Json;
using ChannelBridge.Application.Common.Calls;
using ChannelBridge.Application.Common.Linnworks;
using ChannelBridge.Application.OAuth;
using ChannelBridge.Domain.ListingFeeds;
using FluentValidation;

namespace ChannelBridge.Application.ListingTool.CheckFeed;

/// <summary>CheckFeed: not ready until the platform has reported every job; then one ProductFeed per listing.</summary>
[OAuthScope(OAuthScopeAttribute.Listings)]
public sealed record CheckFeedQuery : ILinnworksRequest<CheckFeedResponse>, IRequireLinkedStore
{
    public string? AuthorizationToken { get; init; }

    public string? ChannelFeedId { get; init; }
}

public sealed class CheckFeedResponse : LinnworksResponse
{
    public bool IsFeedReady { get; set; }

    public IReadOnlyList<ProductFeedDto> ProductFeeds { get; set; } = [];
}

public sealed class ProductFeedDto
{
    public string SKU { get; set; } = string.Empty;

    /// <summary>A JSON number when the platform wrote its id as one (the docs type it Integer), else its text: "007" stays "007".</summary>
    public object ExternalListingId { get; set; } = string.Empty;

    public int TemplateId { get; set; }

    public string URL { get; set; } = string.Empty;

    public IReadOnlyList<FeedMessageDto> Messages { get; set; } = [];

    public IReadOnlyList<ChannelReferenceDto> ChannelReferences { get; set; } = [];
}

internal sealed class CheckFeedQueryHandler(CallContext call, IListingFeedRepository feeds)
    : LinnworksRequestHandler<CheckFeedQuery, CheckFeedResponse>(call)
{
    protected override async Task<CheckFeedResponse> HandleAsync(CheckFeedQuery request, CancellationToken cancellationToken)
    {
        var feed = await feeds.GetAsync(Call.Store.Id, request.ChannelFeedId!.Trim(), cancellationToken);
        if (feed is null)
        {
            return new CheckFeedResponse { Error = $"Unknown ChannelFeedId '{request.ChannelFeedId}'." };
        }

        if (!feed.IsReady)
        {
            return new CheckFeedResponse { IsFeedReady = false };
        }

        return new CheckFeedResponse
        {
            IsFeedReady = true,
            ProductFeeds = [.. feed.Items.Select(item =>
            {
                var result = JsonSerializer.Deserialize<ListingResultDto>(item.ResultJson!)!;
                var externalId = result.ExternalListingId ?? item.ExternalListingId ?? string.Empty;
                return new ProductFeedDto
                {
                    SKU = item.SKU,
                    ExternalListingId = AsWrittenOnTheWire(externalId),
                    TemplateId = item.TemplateId,
                    URL = result.URL ?? string.Empty,
                    Messages = result.Messages,
                    ChannelReferences = result.ChannelReferences,
                };
            })],
        };
    }

    /// <summary>
    /// A JSON number when the id is one written the way a number is (the docs type it Integer); any other id as its text,
    /// so "007" stays "007" rather than becoming the 7 Linnworks would send back on the next update or delete.
    /// </summary>
    internal static object AsWrittenOnTheWire(string externalId) =>
        long.TryParse(externalId, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            && number.ToString(CultureInfo.InvariantCulture) == externalId
            ? number
            : externalId;
}

internal sealed class CheckFeedQueryValidator : AbstractValidator<CheckFeedQuery>
{
    public CheckFeedQueryValidator() => RuleFor(q => q.ChannelFeedId).NotEmpty().WithMessage("ChannelFeedId is required.").MaximumLength(64);
}
