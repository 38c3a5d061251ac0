using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using ChannelBridge.Application.Common.Json;
using ChannelBridge.Application.Common.Linnworks;

namespace ChannelBridge.Api.Json;

/// <summary>
/// A JSON contract rule for Linnworks' requests: an AuthorizationToken that is not text (an object, a list, true, a lone
/// surrogate escaped) is read as no token, and a number as its digits, as any string property reads one. The call is then
/// answered as one without a valid token, every item it carries answered with that Error, instead of as a body that
/// cannot be read, which answers none (Linnworks reads an item left out as "not found").
/// </summary>
public static class TokensReadAsSent
{
    public static void Modify(JsonTypeInfo typeInfo)
    {
        if (typeInfo.Kind != JsonTypeInfoKind.Object || !typeof(IRequireAuthToken).IsAssignableFrom(typeInfo.Type))
        {
            return;
        }

        foreach (var property in typeInfo.Properties)
        {
            if (property.Name == nameof(IRequireAuthToken.AuthorizationToken) && property.PropertyType == typeof(string))
            {
                property.CustomConverter = TokenConverter.Instance;
            }
        }
    }

    private sealed class TokenConverter : JsonConverter<string>
    {
        public static readonly TokenConverter Instance = new();

        private static readonly LenientStringConverter AsAnyString = new();

        public override bool HandleNull => false;

        public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.String:
                    return LocatedJsonException.TextOrNull(ref reader);
                case JsonTokenType.Number:
                    return AsAnyString.Read(ref reader, typeToConvert, options);
                default:
                    // To the end of an object or list, where a converter leaves the reader. The serializer hands a converter
                    // its whole value, so this always succeeds; Skip refuses a reader over a body still arriving.
                    return reader.TrySkip() ? null : throw new LocatedJsonException("Expected a string; the value ends past what was read.");
            }
        }

        public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
    }
}
