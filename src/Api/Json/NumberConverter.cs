using System.Globalization;
using System.Numerics;
using System.Text.Json;
using System.Text.Json.Serialization;
using ChannelBridge.Application.Common.Json;

namespace ChannelBridge.Api.Json;

/// <summary>
/// Reads the numbers of both APIs (<c>int</c>, <c>long</c>, <c>decimal</c>, <c>double</c>, and their nullable forms) as the
/// serializer does — a JSON number, or a string holding one (<see cref="JsonNumberHandling.AllowReadingFromString"/>) — and
/// refuses anything else saying what was expected and what was found: <c>Quantity: Expected a whole number from
/// -2147483648 to 2147483647; found 1.5.</c> The serializer's own message named a CLR type and a byte position
/// (<c>could not be converted to System.Int32 … BytePositionInLine: 28</c>). Writes exactly as the serializer does (ADR-017).
/// </summary>
public sealed class NumberConverter : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) =>
        typeToConvert == typeof(int) || typeToConvert == typeof(long) || typeToConvert == typeof(decimal) || typeToConvert == typeof(double);

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(Number<>).MakeGenericType(typeToConvert))!;

    /// <summary>
    /// One number type. A whole type reads a whole number however it is written (<c>2.0</c>, <c>1e3</c>: a C# platform's
    /// <c>decimal</c> quantity, a Python platform's float) and refuses 1.5; every type refuses what does not fit, and NaN
    /// and the infinities, which the serializer's own converter reads into a <c>double</c> but JSON cannot carry back.
    /// </summary>
    private sealed class Number<T> : JsonConverter<T>
        where T : struct, INumber<T>
    {
        private static readonly bool IsWhole = typeof(T) == typeof(int) || typeof(T) == typeof(long);

        // A number in a string is read with JSON's number grammar (no surrounding white space), as the serializer does.
        private static readonly NumberStyles InString = IsWhole
            ? NumberStyles.AllowLeadingSign
            : NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;

        // A JSON number that cannot be read does not fit (or, for a whole type, has a fraction); anything else is no number.
        private static readonly string Fitting = typeof(T) == typeof(int) ? $"a whole number from {int.MinValue} to {int.MaxValue}"
            : typeof(T) == typeof(long) ? $"a whole number from {long.MinValue} to {long.MaxValue}"
            : typeof(T) == typeof(decimal) ? $"a number from {decimal.MinValue} to {decimal.MaxValue}"
            : "a finite number";

        private static readonly string AnyNumber = IsWhole ? Fitting : "a number";

        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.Number && TryGet(ref reader, out var number) && T.IsFinite(number))
            {
                return number;
            }

            var text = reader.TokenType switch
            {
                JsonTokenType.String => LocatedJsonException.TextOrNull(ref reader),
                JsonTokenType.Number => System.Text.Encoding.UTF8.GetString(reader.HasValueSequence ? System.Buffers.BuffersExtensions.ToArray(reader.ValueSequence) : reader.ValueSpan),
                _ => null,
            };
            return (reader.TokenType == JsonTokenType.String && T.TryParse(text, InString, CultureInfo.InvariantCulture, out var parsed) && T.IsFinite(parsed))
                   || (IsWhole && TryWhole(text, out parsed))
                ? parsed
                : throw new LocatedJsonException(
                    $"Expected {(reader.TokenType == JsonTokenType.Number ? Fitting : AnyNumber)}; found {LocatedJsonException.Found(ref reader)}.");
        }

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
        {
            // The JIT keeps the one branch for T, and each is the writer call the serializer's own converter makes.
            if (typeof(T) == typeof(int) || typeof(T) == typeof(long))
            {
                writer.WriteNumberValue(long.CreateTruncating(value));
            }
            else if (typeof(T) == typeof(decimal))
            {
                writer.WriteNumberValue(decimal.CreateTruncating(value));
            }
            else
            {
                writer.WriteNumberValue(double.CreateTruncating(value));
            }
        }

        /// <summary>A whole number written with a fraction of zeros or an exponent (<see cref="WholeNumber"/>), within T's range.</summary>
        private static bool TryWhole(string? text, out T value)
        {
            var fits = WholeNumber.TryParse(text, out var n) && (typeof(T) == typeof(long) || n is >= int.MinValue and <= int.MaxValue);
            value = fits ? T.CreateTruncating(n) : default;
            return fits;
        }

        /// <summary>The reader's own parser for T, as the serializer's converters use it.</summary>
        private static bool TryGet(ref Utf8JsonReader reader, out T value)
        {
            bool read;
            if (typeof(T) == typeof(int))
            {
                read = reader.TryGetInt32(out var n);
                value = T.CreateTruncating(n);
            }
            else if (typeof(T) == typeof(long))
            {
                read = reader.TryGetInt64(out var n);
                value = T.CreateTruncating(n);
            }
            else if (typeof(T) == typeof(decimal))
            {
                read = reader.TryGetDecimal(out var n);
                value = T.CreateTruncating(n);
            }
            else
            {
                read = reader.TryGetDouble(out var n);
                value = T.CreateTruncating(n);
            }

            return read;
        }
    }
}
