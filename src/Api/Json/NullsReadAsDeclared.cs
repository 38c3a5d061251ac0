using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using ChannelBridge.Application.Common.Json;

namespace ChannelBridge.Api.Json;

/// <summary>
/// A JSON contract rule for both APIs, applied while reading: a <c>null</c> where the type says there is never one is
/// refused with the name of what was null, instead of reaching a handler that would fail on it.
/// <list type="bullet">
/// <item>A <c>null</c> inside a list whose element type is declared non-nullable (<c>List&lt;OrderItemDto&gt;</c>, not
/// <c>List&lt;OrderItemDto?&gt;</c>): <c>OrderItems[2] is null</c>.</item>
/// <item>A <c>null</c> for a property declared non-nullable (<c>string Tag</c>): <c>Tag is null</c>. Leaving the
/// property out keeps its default.</item>
/// <item>Except a list: a <c>null</c> for a non-nullable list (<c>List&lt;DespatchItemDto&gt; Items</c>) reads as an empty
/// one, as leaving it out does. Linnworks' .NET client serializes an unset list as <c>null</c> (its own samples send
/// <c>"SecondaryTrackingNumbers":null</c>), and a whole-order Cancel or a Despatch described by its Packages has no
/// Items to send.</item>
/// </list>
/// ASP.NET Core's implicit [Required] for non-nullable references checked these after binding, by walking every object
/// of the bound body (about a tenth of the service's time for a batch of 500 orders), and refused a null list too;
/// checked here, as each value is read, it costs nothing (ADR-016).
/// On the Channel API that is a 400 ProblemDetails; inside a Linnworks batch item it makes that one item unreadable and
/// answered; elsewhere on a Linnworks route it is the call's Error. Lists declared with nullable elements
/// (the top-level Linnworks batches) keep their nulls: the handler answers each.
/// </summary>
public static class NullsReadAsDeclared
{
    private static readonly NullabilityInfoContext Nullability = new();

    public static void Modify(JsonTypeInfo typeInfo)
    {
        if (typeInfo.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }

        foreach (var property in typeInfo.Properties)
        {
            if (property.Set is null || property.PropertyType.IsValueType || property.AttributeProvider is not PropertyInfo info)
            {
                continue;
            }

            NullabilityInfo nullability;
            lock (Nullability)
            {
                nullability = Nullability.Create(info);
            }

            var elementType = ElementTypeOf(property.PropertyType);
            if (nullability.WriteState == NullabilityState.NotNull)
            {
                if (elementType is null)
                {
                    RefuseNull(property);
                }
                else
                {
                    NullAsEmpty(property, elementType);
                }
            }

            if (property.CustomConverter is null && elementType is { IsValueType: false } element &&
                nullability.GenericTypeArguments is [{ ReadState: NullabilityState.NotNull }])
            {
                property.CustomConverter = (JsonConverter)Activator.CreateInstance(typeof(NonNullElementsConverter<,>).MakeGenericType(property.PropertyType, element))!;
            }
        }
    }

    /// <summary>A null read for <paramref name="property"/> fails the read, naming it (the serializer adds where it was).</summary>
    private static void RefuseNull(JsonPropertyInfo property)
    {
        var set = property.Set!;
        property.Set = (target, value) => set(target, value ?? throw new LocatedJsonException("is null; send a value or leave it out."));
    }

    /// <summary>A null read for the list <paramref name="property"/> sets a new empty list (every list type we bind takes a <see cref="List{T}"/>).</summary>
    private static void NullAsEmpty(JsonPropertyInfo property, Type elementType)
    {
        var set = property.Set!;
        var listType = typeof(List<>).MakeGenericType(elementType);
        property.Set = (target, value) => set(target, value ?? Activator.CreateInstance(listType));
    }

    private static Type? ElementTypeOf(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition() is var definition &&
        (definition == typeof(List<>) || definition == typeof(IReadOnlyList<>) || definition == typeof(IList<>) || definition == typeof(IEnumerable<>) ||
         definition == typeof(IReadOnlyCollection<>) || definition == typeof(ICollection<>))
            ? type.GetGenericArguments()[0]
            : null;

    /// <summary>Reads the list element by element and refuses a null one; writes it as usual.</summary>
    private sealed class NonNullElementsConverter<TList, T> : JsonConverter<TList>
        where TList : class, IEnumerable<T>
        where T : class
    {
        private static readonly bool IsObject = ObjectsReadAsDeclared.IsPlainObject(typeof(T));

        private readonly NestedReader<T> _nested = new();

        public override TList? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.Null)
            {
                return null;
            }

            if (reader.TokenType != JsonTokenType.StartArray)
            {
                throw new LocatedJsonException($"Expected a list; found {LocatedJsonException.Found(ref reader)}.");
            }

            var list = new List<T>();
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (IsObject && reader.TokenType is not (JsonTokenType.StartObject or JsonTokenType.Null) &&
                    ObjectsReadAsDeclared.NotAnObject(ref reader, $"[{list.Count}]") is { } refused)
                {
                    throw refused;
                }

                var item = reader.TokenType == JsonTokenType.Null ? null : _nested.Read(ref reader, options, list.Count);
                list.Add(item ?? throw new LocatedJsonException($"[{list.Count}]", IsObject ? "is null; send an object or leave it out." : "is null; send a value or leave it out."));
            }

            return (TList)(object)list;
        }

        public override void Write(Utf8JsonWriter writer, TList value, JsonSerializerOptions options) =>
            JsonSerializer.Serialize<IEnumerable<T>>(writer, value, options);
    }
}
