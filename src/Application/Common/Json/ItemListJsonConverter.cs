using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChannelBridge.Application.Common.Json;

/// <summary>An item of a Linnworks batch that must be answered on its own even when it cannot be read.</summary>
public interface ILinnworksItem
{
    /// <summary>The JSON property that names the item in the answer (SKU, ReferenceNumber).</summary>
    static abstract string KeyProperty { get; }

    /// <summary>The item's key as sent (SKU or ReferenceNumber).</summary>
    string? ItemKey { get; set; }

    /// <summary>Why the item could not be read (a wrong type, a null inside it), or null: it is answered with this Error.</summary>
    string? ReadError { get; set; }
}

/// <summary>
/// Reads a Linnworks batch item by item: an item that cannot be read (a string where a number belongs,
/// a null inside its lists) becomes an item with <see cref="ILinnworksItem.ReadError"/> set and its key
/// recovered when it has one, instead of failing the whole call and leaving every item unanswered.
/// A null item stays null (the handler answers it). Malformed JSON as a whole still fails the call.
/// <para>
/// Each item is read straight from the reader, as the serializer reads a list; only an item that fails is read again,
/// from a copy of the reader taken before it, into a document that names what was wrong and recovers its key. The whole
/// list is in the reader's buffer when a custom converter is called, so the copy can go back to it.
/// </para>
/// </summary>
public sealed class ItemListJsonConverter<T> : JsonConverter<IReadOnlyList<T?>>
    where T : class, ILinnworksItem, new()
{
    public override IReadOnlyList<T?>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new LocatedJsonException($"Expected a list of items; found {LocatedJsonException.Found(ref reader)}.");
        }

        var items = new List<T?>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType == JsonTokenType.Null)
            {
                items.Add(null);
                continue;
            }

            var start = reader;
            if (TryRead(ref reader, options) is { } item)
            {
                items.Add(item);
                continue;
            }

            reader = start;
            using var element = JsonDocument.ParseValue(ref reader);
            items.Add(ReadItem(element.RootElement, items.Count, options));
        }

        return items;
    }

    /// <summary>The item read as the serializer reads it, or null when it cannot be (then the caller reads it again to say why).</summary>
    private static T? TryRead(ref Utf8JsonReader reader, JsonSerializerOptions options)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(ref reader, options);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException or OverflowException)
        {
            return null;
        }
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlyList<T?> value, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        foreach (var item in value)
        {
            JsonSerializer.Serialize(writer, item, options);
        }

        writer.WriteEndArray();
    }

    private static T ReadItem(JsonElement element, int index, JsonSerializerOptions options)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return new T { ReadError = $"Item {index} could not be read: Expected an object; found {LocatedJsonException.Found(element)}." };
        }

        try
        {
            return element.Deserialize<T>(options) ?? new T { ReadError = $"Item {index} is null." };
        }
        catch (JsonException ex)
        {
            // Named from inside the item ("Item 1 could not be read: Items[0].DespatchedQuantity: Expected a whole number …").
            var (location, reason) = LocatedJsonException.Of(ex);
            return new T { ItemKey = KeyOf(element), ReadError = $"Item {index} could not be read: {LocatedJsonException.Describe(location, reason)}" };
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException or OverflowException)
        {
            return new T { ItemKey = KeyOf(element), ReadError = $"Item {index} could not be read: {ex.Message}" };
        }
    }

    /// <summary>The item's key when it has one that is text: a name or key that is not (a lone surrogate escaped) names none.</summary>
    private static string? KeyOf(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        try
        {
            foreach (var property in element.EnumerateObject())
            {
                if (property.Name.Equals(T.KeyProperty, StringComparison.OrdinalIgnoreCase))
                {
                    return property.Value.ValueKind is JsonValueKind.String or JsonValueKind.Number ? property.Value.ToString() : null;
                }
            }
        }
        catch (InvalidOperationException)
        {
            return null;
        }

        return null;
    }
}
