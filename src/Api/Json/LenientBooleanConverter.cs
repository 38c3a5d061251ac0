using System.Text.Json;
using System.Text.Json.Serialization;
using ChannelBridge.Application.Common.Json;

namespace ChannelBridge.Api.Json;

/// <summary>Reads true/false, "True"/"true"/"False" (any case) and 1/0 into a bool.</summary>
public sealed class LenientBooleanConverter : JsonConverter<bool>
{
    public override bool Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.True:
                return true;
            case JsonTokenType.False:
                return false;
            case JsonTokenType.String when bool.TryParse(LocatedJsonException.TextOrNull(ref reader)?.Trim(), out var b):
                return b;
            case JsonTokenType.Number when reader.TryGetInt32(out var n) && n is 0 or 1:
                return n == 1;
            default:
                throw new LocatedJsonException($"Expected true or false; found {LocatedJsonException.Found(ref reader)}.");
        }
    }

    public override void Write(Utf8JsonWriter writer, bool value, JsonSerializerOptions options) => writer.WriteBooleanValue(value);
}
