using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization;
using ChannelBridge.Application.Common.Json;

namespace ChannelBridge.Api.Json;

/// <summary>
/// Reads a JSON number or boolean into a string property as its literal text ("12", "True"):
/// Linnworks' SelectedValue is "always a string", but clients built from loose docs send 12 or true.
/// </summary>
public sealed class LenientStringConverter : JsonConverter<string>
{
    public override bool HandleNull => false;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.String => LocatedJsonException.TextOrNull(ref reader) ?? throw new LocatedJsonException($"Expected a string of valid text; found {LocatedJsonException.Found(ref reader)}."),
        JsonTokenType.Number => System.Text.Encoding.UTF8.GetString(reader.HasValueSequence ? BuffersExtensions.ToArray(reader.ValueSequence) : reader.ValueSpan),
        JsonTokenType.True => bool.TrueString,
        JsonTokenType.False => bool.FalseString,
        _ => throw new LocatedJsonException($"Expected a string; found {LocatedJsonException.Found(ref reader)}."),
    };

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
