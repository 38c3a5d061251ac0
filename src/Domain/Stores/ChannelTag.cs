using ChannelBridge.Domain.Common;

namespace ChannelBridge.Domain.Stores;

/// <summary>
/// A shipping or payment tag the seller maps in Linnworks. Limits follow the ShippingTags page
/// (Tag 64, FriendlyName 255, Site 25); PaymentTags states none, so the same limits keep both
/// storable and predictable.
/// </summary>
public sealed record ChannelTag
{
    public const int TagMaxLength = 64;
    public const int FriendlyNameMaxLength = 255;
    public const int SiteMaxLength = 25;

    private ChannelTag(string tag, string friendlyName, string site)
    {
        Tag = tag;
        FriendlyName = friendlyName;
        Site = site;
    }

    public string Tag { get; }

    public string FriendlyName { get; }

    /// <summary>"" unless the channel has multi-site credentials (UK, DE, US…).</summary>
    public string Site { get; }

    /// <summary>A tag with its values trimmed: the Tag is the key an order's Match…Tag names, and both are trimmed alike.</summary>
    public static Result<ChannelTag> Create(string? tag, string? friendlyName, string? site)
    {
        (tag, friendlyName, site) = (tag?.Trim(), friendlyName?.Trim(), site?.Trim());
        var errors = new List<Error>();
        if (string.IsNullOrWhiteSpace(tag))
        {
            errors.Add(Error.Validation("Tag is required."));
        }
        else if (tag.Length > TagMaxLength)
        {
            errors.Add(Error.Validation($"Tag '{Shorten(tag)}' is longer than {TagMaxLength} characters."));
        }

        if (string.IsNullOrWhiteSpace(friendlyName))
        {
            errors.Add(Error.Validation($"FriendlyName is required (tag '{Shorten(tag)}')."));
        }
        else if (friendlyName.Length > FriendlyNameMaxLength)
        {
            errors.Add(Error.Validation($"FriendlyName of tag '{Shorten(tag)}' is longer than {FriendlyNameMaxLength} characters."));
        }

        if (site is { Length: > SiteMaxLength })
        {
            errors.Add(Error.Validation($"Site of tag '{Shorten(tag)}' is longer than {SiteMaxLength} characters."));
        }

        return errors.Count > 0
            ? Result<ChannelTag>.Failure(errors)
            : new ChannelTag(tag!, friendlyName!, site ?? string.Empty);
    }

    internal static ChannelTag Rehydrate(string tag, string friendlyName, string site) => new(tag, friendlyName, site);

    private static string Shorten(string? value) => value is null ? string.Empty : value.Length <= 20 ? value : value[..20] + "…";
}
