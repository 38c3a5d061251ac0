using System.Collections;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using ChannelBridge.Application.Common.Json;

namespace ChannelBridge.Api.Json;

/// <summary>
/// A JSON contract rule for both APIs, applied while reading: a property declared as one of our objects
/// (<c>AddressDto DeliveryAddress</c>, <c>CancellationDto Cancellation</c>) that is sent as something else is refused
/// as <c>DeliveryAddress: Expected an object; found "10 Downing St".</c> (ADR-017). The serializer's own message named
/// the CLR type and a byte position. A place inside the object that cannot be read is named the whole way down.
/// </summary>
public static class ObjectsReadAsDeclared
{
    public static void Modify(JsonTypeInfo typeInfo)
    {
        if (typeInfo.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }

        foreach (var property in typeInfo.Properties)
        {
            if (property.CustomConverter is null && IsPlainObject(property.PropertyType))
            {
                property.CustomConverter = (JsonConverter)Activator.CreateInstance(typeof(ObjectConverter<>).MakeGenericType(property.PropertyType))!;
            }
        }
    }

    /// <summary>
    /// One of our own classes, read as a JSON object by the serializer's default: not a string, a collection, a type of
    /// the framework's, an abstract type or one with a converter of its own.
    /// </summary>
    internal static bool IsPlainObject(Type type) =>
        type is { IsClass: true, IsAbstract: false } && type != typeof(string) && !typeof(IEnumerable).IsAssignableFrom(type) &&
        type.Namespace?.StartsWith("System", StringComparison.Ordinal) == false && type.GetCustomAttribute<JsonConverterAttribute>() is null;

    /// <summary>"Expected an object; found …" for <paramref name="reader"/>'s token, or null when it is an object or null.</summary>
    internal static LocatedJsonException? NotAnObject(ref Utf8JsonReader reader, string inside = "") =>
        reader.TokenType is JsonTokenType.StartObject or JsonTokenType.Null
            ? null
            : new LocatedJsonException(inside, $"Expected an object; found {LocatedJsonException.Found(ref reader)}.");

    /// <summary>Reads the object with the serializer's default for <typeparamref name="T"/> once its token is one; writes it as usual.</summary>
    private sealed class ObjectConverter<T> : JsonConverter<T>
        where T : class
    {
        private readonly NestedReader<T> _nested = new();

        public override bool HandleNull => false;

        public override T? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            NotAnObject(ref reader) is { } refused ? throw refused : _nested.Read(ref reader, options);

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
            JsonSerializer.Serialize(writer, value, options);
    }
}
