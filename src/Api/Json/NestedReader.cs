using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ChannelBridge.Application.Common.Contracts;

namespace ChannelBridge.Api.Json;

/// <summary>
/// Reads a value inside one of our converters (a list element, an object) with the serializer's own contract for
/// <typeparamref name="T"/>, in a nested call. That call's path starts again at <c>$</c>, so a place inside the value
/// that cannot be read is named from where the converter stands (<c>[2].Qty</c>), and the serializer adds the rest.
/// One per converter: a converter belongs to one options instance, so the contract it looks up once stays right.
/// </summary>
internal sealed class NestedReader<T>
{
    private JsonTypeInfo<T>? _contract;

    /// <param name="inside">Where the value stands from the converter's own place: <c>[2]</c> for a list's third element, empty for the value itself.</param>
    public T? Read(ref Utf8JsonReader reader, JsonSerializerOptions options, string inside)
    {
        try
        {
            return JsonSerializer.Deserialize(ref reader, _contract ??= (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T)));
        }
        catch (JsonException inner)
        {
            var (location, reason) = LocatedJsonException.Of(inner);
            throw new LocatedJsonException(LocatedJsonException.Within(inside, location), reason, inner);
        }
    }
}
