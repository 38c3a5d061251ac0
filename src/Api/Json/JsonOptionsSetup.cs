using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using ChannelBridge.Application.Common.Json;

namespace ChannelBridge.Api.Json;

/// <summary>One JSON dialect for both APIs: PascalCase out, lenient in (case, numbers as strings, both date forms),
/// and a value that cannot be read is named with what was expected and what was found (<see cref="LocatedJsonException"/>).</summary>
public static class JsonOptionsSetup
{
    public static void Apply(JsonSerializerOptions options)
    {
        // Written exactly as what is rendered ahead of time (LinnworksWireJson): same encoder, same date form.
        options.Encoder = LinnworksWireJson.Encoder;
        options.PropertyNamingPolicy = null;
        options.DictionaryKeyPolicy = null;
        options.PropertyNameCaseInsensitive = true;
        options.NumberHandling = JsonNumberHandling.AllowReadingFromString;
        options.ReadCommentHandling = JsonCommentHandling.Skip;
        options.AllowTrailingCommas = true;
        options.Converters.Add(new LenientStringConverter());
        options.Converters.Add(new LenientBooleanConverter());
        options.Converters.Add(new NumberConverter());
        options.Converters.Add(new LinnworksDateTimeConverter());
        options.TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { NullsReadAsDeclared.Modify, ObjectsReadAsDeclared.Modify, TokensReadAsSent.Modify, ChannelFieldsReadAsDeclared.Modify } };
    }
}
