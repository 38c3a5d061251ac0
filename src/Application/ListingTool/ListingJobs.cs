using System.Globalization;
using System.Text.Json;
using ChannelBridge.Application.Common.Json;
using ChannelBridge.Domain.Listings;

namespace ChannelBridge.Application.ListingTool;

/// <summary>
/// Reads a listing exactly as Linnworks sent it (kept whole, variations included, for the platform) and the few
/// values the bridge needs from it: SKU, Title, Quantity, Price, TemplateId, ExternalListingId and the variations'
/// SKUs. Lenient where Linnworks' sources disagree (TemplateId and ExternalListingId as numbers or strings). A TemplateId left
/// out is 0 (none); one sent that is not a whole number is an Error on the job, as a price would be.
/// </summary>
internal static class ListingJobs
{
    public sealed record Variation(string Sku, string? Title, int Quantity, decimal? Price);

    public sealed record Parsed(string Sku, string? ExternalListingId, int TemplateId, string? Title, int Quantity, decimal? Price, IReadOnlyList<Variation> Variations, string? Error);

    /// <param name="maxDescriptionLength">The channel's MaxDescriptionLength (GetConfiguratorSettings); 0: none.</param>
    public static Parsed Parse(JsonElement listing, bool titleRequired, int maxDescriptionLength = 0)
    {
        if (listing.ValueKind != JsonValueKind.Object)
        {
            return new Parsed(string.Empty, null, 0, null, 0, null, [], "The listing is not an object.");
        }

        var sku = Text(listing, "SKU")?.Trim() ?? Text(listing, "ChannelSKU")?.Trim() ?? string.Empty;
        var errors = new List<string>();
        if (sku.Length is 0 or > Listing.SkuMaxLength)
        {
            errors.Add(sku.Length == 0 ? "SKU is required." : $"SKU is longer than {Listing.SkuMaxLength} characters.");
        }

        var title = Text(listing, "Title");
        if (titleRequired && string.IsNullOrWhiteSpace(title))
        {
            errors.Add("Title is required.");
        }
        else if (title?.Length > Listing.TitleMaxLength)
        {
            errors.Add($"Title is longer than {Listing.TitleMaxLength} characters.");
        }

        if (maxDescriptionLength > 0 && Text(listing, "Description")?.Length > maxDescriptionLength)
        {
            errors.Add($"Description is longer than this channel's {maxDescriptionLength} characters (MaxDescriptionLength).");
        }

        var quantity = Integer(listing, "Quantity", errors, string.Empty) ?? 0;
        var price = Number(listing, "Price", errors, string.Empty);
        if (quantity < 0 || price < 0)
        {
            errors.Add("Quantity and Price cannot be negative.");
        }

        var variations = Variations(listing, sku, errors);
        return new Parsed(sku, Text(listing, "ExternalListingId"), Integer(listing, "TemplateId", errors, string.Empty) ?? 0, title, quantity, price, variations,
            errors.Count == 0 ? null : string.Join(" ", errors));
    }

    /// <summary>The listing's variations with a usable SKU (unique, not the listing's); what is wrong is added to <paramref name="errors"/>.</summary>
    private static List<Variation> Variations(JsonElement listing, string sku, List<string> errors)
    {
        var variations = new List<Variation>();
        if (Property(listing, "Variations") is not { ValueKind: JsonValueKind.Array } array)
        {
            return variations;
        }

        foreach (var v in array.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.Object))
        {
            var variationSku = Text(v, "SKU")?.Trim() ?? string.Empty;
            if (variationSku.Length is 0 or > Listing.SkuMaxLength)
            {
                errors.Add("Every variation needs a SKU of at most 100 characters.");
                continue;
            }

            var where = $"Variation '{variationSku}': ";
            variations.Add(new Variation(variationSku, Text(v, "Title"), Integer(v, "Quantity", errors, where) ?? 0, Number(v, "Price", errors, where)));
        }

        if (variations.GroupBy(v => v.Sku, StringComparer.Ordinal).Any(g => g.Count() > 1) || variations.Any(v => v.Sku == sku))
        {
            errors.Add("Variation SKUs must be unique and differ from the listing's SKU.");
        }

        return variations;
    }

    private static JsonElement? Property(JsonElement element, string name)
    {
        foreach (var p in element.EnumerateObject())
        {
            if (p.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return p.Value;
            }
        }

        return null;
    }

    private static string? Text(JsonElement element, string name) => Property(element, name) switch
    {
        { ValueKind: JsonValueKind.String } v => v.GetString(),
        { ValueKind: JsonValueKind.Number } v => v.GetRawText(),
        _ => null,
    };

    private static int? Integer(JsonElement element, string name) => Text(element, name) is var text
        && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n
        : WholeNumber.TryParse(text, out var whole) && whole is >= int.MinValue and <= int.MaxValue ? (int)whole
        : null;

    /// <summary>A whole number, null when left out or null; one that is sent but is not a whole number is added to <paramref name="errors"/>.</summary>
    private static int? Integer(JsonElement element, string name, List<string> errors, string where)
    {
        var value = Integer(element, name);
        AddIfUnreadable(element, name, value is not null, $"{where}{name} is not a whole number.", errors);
        return value;
    }

    /// <summary>
    /// A number as JSON writes one (an exponent too) or as text, never with a thousands separator: "19,99" is no price,
    /// not 1999. Null when left out or null; one that is sent but is not a number is added to <paramref name="errors"/>.
    /// </summary>
    private static decimal? Number(JsonElement element, string name, List<string> errors, string where)
    {
        decimal? value = decimal.TryParse(Text(element, name), NumberStyles.Float, CultureInfo.InvariantCulture, out var n)
            ? decimal.Round(n, Listing.PriceDecimals, MidpointRounding.AwayFromZero)
            : null;
        AddIfUnreadable(element, name, value is not null, $"{where}{name} is not a number.", errors);
        return value;
    }

    /// <summary>A value the store's listing would take that is sent and cannot be read is an error, not a listing without it.</summary>
    private static void AddIfUnreadable(JsonElement element, string name, bool read, string error, List<string> errors)
    {
        if (!read && Property(element, name) is { ValueKind: not JsonValueKind.Null })
        {
            errors.Add(error);
        }
    }
}
