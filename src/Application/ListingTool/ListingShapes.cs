using System.Text.Json;
using System.Text.Json.Serialization;
using AutoMapper;
using ChannelBridge.Application.Common.Linnworks;

namespace ChannelBridge.Application.ListingTool;

// The shapes of Linnworks' listing tool used both for what the operator uploads and for what
// Linnworks reads. Value types are never null; lists are never null; enums are read as names or numbers and
// written as numbers (Linnworks' .NET client reads a number into any enum; names are only our guess of its
// member names).
#pragma warning disable CA1707, CA1720 // Linnworks' enum member names

[JsonConverter(typeof(NameOrNumberEnumConverter<ListingSettingGroup>))]
public enum ListingSettingGroup { GENERAL = 1, RETURN = 2, SHIPPING = 3, PAYMENT = 4, VARIATION = 5 }

[JsonConverter(typeof(NameOrNumberEnumConverter<ListingExpectedType>))]
public enum ListingExpectedType { STRING = 1, INT = 2, DECIMAL = 3, BOOL = 4, DATETIME = 5, LIST = 6 }

[JsonConverter(typeof(NameOrNumberEnumConverter<ListingImageType>))]
public enum ListingImageType { CountTogether = 1, CountMainVariantsSeparately = 2, SelectVariationFromMain = 3 }

[JsonConverter(typeof(NameOrNumberEnumConverter<ImageTagType>))]
public enum ImageTagType { SingleTag = 1, MultiTag = 2 }

[JsonConverter(typeof(NameOrNumberEnumConverter<AttributeRequirement>))]
public enum AttributeRequirement { Required = 1, Desired = 2 }

[JsonConverter(typeof(NameOrNumberEnumConverter<AttributeReadFrom>))]
public enum AttributeReadFrom { Child = 0, Parent = 1, Optional = 2 }

[JsonConverter(typeof(NameOrNumberEnumConverter<ProductFeedMessageType>))]
public enum ProductFeedMessageType { Error = 1, Warning = 2, Recommendation = 3 }

[JsonConverter(typeof(NameOrNumberEnumConverter<ListingUpdateType>))]
public enum ListingUpdateType { CREATE = 0, UPDATE = 1 }
#pragma warning restore CA1707, CA1720

/// <summary>GetConfiguratorSettings without Error: what a listing on this channel needs.</summary>
public class ConfiguratorSettingsDto
{
    public List<CustomerSettingDto> Settings { get; set; } = [];

    public int MaxDescriptionLength { get; set; }

    public ListingImageDto ImageSettings { get; set; } = new();

    public int MaxCategoryCount { get; set; }

    public int MaxCustomAttributeLength { get; set; }

    public bool IsCustomHtmlSupported { get; set; }

    public bool IsCustomAttributesAllowed { get; set; }

    public bool IsVariationsAllowed { get; set; }

    public bool HasMainVariationPrice { get; set; }

    public bool IsTitleInVariation { get; set; }

    public bool HasVariationAttributeDisplayName { get; set; }

    public bool IsPriceInVariation { get; set; }

    public bool IsShippingListingSpecific { get; set; }

    public bool IsPaymentListingSpecific { get; set; }
}

public sealed class CustomerSettingDto
{
    public ListingSettingGroup GroupName { get; set; } = ListingSettingGroup.GENERAL;

    public string ConfigItemId { get; set; } = string.Empty;

    public string Subtitle { get; set; } = string.Empty;

    public int SubTitleSortOrder { get; set; }

    public int ItemSortOrder { get; set; }

    public string Description { get; set; } = string.Empty;

    public string FriendlyName { get; set; } = string.Empty;

    public bool MustBeSpecified { get; set; }

    public ListingExpectedType ExpectedType { get; set; } = ListingExpectedType.STRING;

    public List<string> ValueOptions { get; set; } = [];

    public List<string> InitialValues { get; set; } = [];

    public bool IsMultiOption { get; set; }

    public bool ValueFromOptionsList { get; set; }

    public string? RegExValidation { get; set; }

    public string? RegExError { get; set; }

    public bool IsWizardOnly { get; set; }
}

public sealed class ListingImageDto
{
    public ListingImageType Type { get; set; } = ListingImageType.CountTogether;

    public int MaxImages { get; set; }

    public int MaxVariantImages { get; set; }

    public List<ImageTagDto> ImageTags { get; set; } = [];
}

public sealed class ImageTagDto
{
    public string Name { get; set; } = string.Empty;

    public ImageTagType ImageTagType { get; set; } = ImageTagType.SingleTag;
}

public sealed class CategoryDto
{
    public long CategoryId { get; set; }

    public string CategoryName { get; set; } = string.Empty;
}

/// <summary>A category attribute as GetAttributesByCategory answers it (<c>AttribueReadFrom</c> is Linnworks' spelling).</summary>
public sealed class AttributeDto
{
    public string ID { get; set; } = string.Empty;

    public string FriendlyName { get; set; } = string.Empty;

    public string Description { get; set; } = string.Empty;

    public AttributeRequirement MustBeSpecified { get; set; } = AttributeRequirement.Desired;

    public string ExpectedType { get; set; } = "STRING";

    public List<string> ValueOptions { get; set; } = [];

    public bool ValueFromOptionsList { get; set; }

    public int MaxAttributeUse { get; set; } = 1;

    public AttributeReadFrom AttribueReadFrom { get; set; } = AttributeReadFrom.Parent;

    public string? RegExValidation { get; set; }

    public string? RegExError { get; set; }
}

public class CategoryVariationsDto
{
    public int MaxVariationAttributes { get; set; }

    public List<NeededVariationDto> NeededVariations { get; set; } = [];
}

public sealed class NeededVariationDto
{
    public string VariationName { get; set; } = string.Empty;

    public string Description { get; set; } = string.Empty;
}

/// <summary>Reads an enum from its name (any case) or its number; writes the number. Undefined values are refused.</summary>
public sealed class NameOrNumberEnumConverter<TEnum> : JsonConverter<TEnum>
    where TEnum : struct, Enum
{
    public override TEnum Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var number) && Enum.IsDefined(typeof(TEnum), number))
        {
            return (TEnum)Enum.ToObject(typeof(TEnum), number);
        }

        var text = reader.TokenType == JsonTokenType.String ? Common.Json.LocatedJsonException.TextOrNull(ref reader)?.Trim() : null;
        if (text is not null && int.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out number) && Enum.IsDefined(typeof(TEnum), number))
        {
            return (TEnum)Enum.ToObject(typeof(TEnum), number);
        }

        // One name, in any case: Enum.TryParse would also read "Error, Warning" as the flags 1 | 2, which is Recommendation.
        return text is not null && Enum.GetNames<TEnum>().FirstOrDefault(n => n.Equals(text, StringComparison.OrdinalIgnoreCase)) is { } name
            ? Enum.Parse<TEnum>(name)
            : throw new JsonException($"Expected one of {string.Join(", ", Enum.GetValues<TEnum>().Select(v => $"{v} ({Convert.ToInt32(v, System.Globalization.CultureInfo.InvariantCulture)})"))}.");
    }

    public override void Write(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options) =>
        writer.WriteNumberValue(Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture));
}

/// <summary>GetConfiguratorSettings: the operator's settings, or an Error while listings are not configured.</summary>
public sealed class ConfiguratorSettingsResponse : LinnworksResponse
{
    public List<CustomerSettingDto> Settings { get; set; } = [];

    public int MaxDescriptionLength { get; set; }

    public ListingImageDto ImageSettings { get; set; } = new();

    public int MaxCategoryCount { get; set; }

    public int MaxCustomAttributeLength { get; set; }

    public bool IsCustomHtmlSupported { get; set; }

    public bool IsCustomAttributesAllowed { get; set; }

    public bool IsVariationsAllowed { get; set; }

    public bool HasMainVariationPrice { get; set; }

    public bool IsTitleInVariation { get; set; }

    public bool HasVariationAttributeDisplayName { get; set; }

    public bool IsPriceInVariation { get; set; }

    public bool IsShippingListingSpecific { get; set; }

    public bool IsPaymentListingSpecific { get; set; }

    private sealed class Mapping : Profile
    {
        public Mapping() => CreateMap<ConfiguratorSettingsDto, ConfiguratorSettingsResponse>().ForMember(d => d.Error, o => o.Ignore());
    }
}
