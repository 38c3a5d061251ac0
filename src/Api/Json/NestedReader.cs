using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using ChannelBridge.Application.Common.Json;

namespace ChannelBridge.Api.Json;

/// <summary>
/// Reads a value inside one of our converters (a list element, an object) with the serializer's own contract for
/// <typeparamref name="T"/>. The value is read by the contract's converter in place: the serializer has already buffered
/// it whole for our converter, so nothing is scanned twice. Only a value that cannot be read is read again, in a nested
/// call whose path starts at <c>$</c>, so the place inside it is named from where the converter stands (<c>[2].Qty</c>)
/// and the serializer adds the rest. One per converter: a converter belongs to one options instance, so the contract it
/// looks up once stays right.
/// </summary>
internal sealed class NestedReader<T>
{
    private JsonTypeInfo<T>? _contract;
    private JsonConverter<T>? _converter;

    /// <param name="index">The list element's index (its place is <c>[index]</c>), or -1 for the converter's own value.</param>
    public T? Read(ref Utf8JsonReader reader, JsonSerializerOptions options, int index = -1)
    {
        _contract ??= (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));
        _converter ??= (JsonConverter<T>)_contract.Converter;
        var start = reader;
        try
        {
            return _converter.Read(ref reader, typeof(T), options);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException or OverflowException)
        {
            // Read it again the slow way, which knows where inside the value the problem is.
            reader = start;
        }

        try
        {
            return JsonSerializer.Deserialize(ref reader, _contract);
        }
        catch (JsonException inner)
        {
            var (location, reason) = LocatedJsonException.Of(inner);
            throw new LocatedJsonException(LocatedJsonException.Within(index < 0 ? string.Empty : $"[{index}]", location), reason, inner);
        }
    }
}
