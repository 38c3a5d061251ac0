using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChannelBridge.Application.Common.Json;

/// <summary>
/// Dates as Linnworks sends them: the documented <c>yyyy-MM-dd HH:mm:ssZ</c> (space, no T) and ISO 8601
/// (with or without fractions or an offset). A value without a zone is taken as UTC, as the docs
/// state every date is. Written in the documented form, always UTC. A <c>default(DateTime)</c> from a C# sender reads
/// as 0001-01-01 whatever its zone, even where the zone would put it before the first representable instant; what it
/// means (absent, or refused where required) is the domain's rule (<see cref="Domain.Common.UnsetDate"/>).
/// </summary>
public sealed partial class LinnworksDateTimeConverter : JsonConverter<DateTime>
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

        // 0001-01-01T00:00:00+01:00 (an unset DateTime written by a sender east of UTC) is before DateTime.MinValue in UTC.
        if (UnsetDateInAZone().IsMatch(text.Trim()))
        {
            utc = DateTime.SpecifyKind(DateTime.MinValue, DateTimeKind.Utc);
            return true;
        }

        return false;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^0001-01-01([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?)?([+-]\d{2}(:?\d{2})?)$", System.Text.RegularExpressions.RegexOptions.CultureInvariant, 100)]
    private static partial System.Text.RegularExpressions.Regex UnsetDateInAZone();

    public override DateTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String && TryParse(LocatedJsonException.TextOrNull(ref reader), out var utc)
            ? utc
            : throw new LocatedJsonException($"Expected a date as 'yyyy-MM-dd HH:mm:ssZ' or ISO 8601; found {LocatedJsonException.Found(ref reader)}.");

    public override void Write(Utf8JsonWriter writer, DateTime value, JsonSerializerOptions options)
    {
        var utc = value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : DateTime.SpecifyKind(value, DateTimeKind.Utc);
        // Formatted as UTF-8 into the stack: every stored order's rendering writes four dates or more.
        Span<byte> utf8 = stackalloc byte[32];
        if (utc.TryFormat(utf8, out var written, WireFormat, CultureInfo.InvariantCulture))
        {
            writer.WriteStringValue(utf8[..written]);
        }
        else
        {
            writer.WriteStringValue(utc.ToString(WireFormat, CultureInfo.InvariantCulture));
        }
    }
}
