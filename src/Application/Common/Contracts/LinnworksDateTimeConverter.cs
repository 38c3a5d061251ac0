using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChannelBridge.Application.Common.Contracts;

/// <summary>
/// Dates as Linnworks sends them: the documented <c>yyyy-MM-dd HH:mm:ssZ</c> (space, no T) and ISO 8601
/// (with or without fractions or an offset). A value without a zone is taken as UTC, as the docs
/// state every date is. Written in the documented form, always UTC.
/// </summary>
public sealed class LinnworksDateTimeConverter : JsonConverter<DateTime>
{
    public const string WireFormat = "yyyy-MM-dd HH:mm:ss'Z'";

    public static bool TryParse(string? text, out DateTime utc)
    {
        utc = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        if (DateTimeOffset.TryParse(text.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var parsed))
        {
            utc = parsed.UtcDateTime;
            return true;
        }

        return false;
    }

    public override DateTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String && TryParse(reader.GetString(), out var utc)
            ? utc
            : throw new LocatedJsonException($"Expected a date as 'yyyy-MM-dd HH:mm:ssZ' or ISO 8601; found {LocatedJsonException.Found(ref reader)}.");

    public override void Write(Utf8JsonWriter writer, DateTime value, JsonSerializerOptions options)
    {
        var utc = value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : DateTime.SpecifyKind(value, DateTimeKind.Utc);
        writer.WriteStringValue(utc.ToString(WireFormat, CultureInfo.InvariantCulture));
    }
}
