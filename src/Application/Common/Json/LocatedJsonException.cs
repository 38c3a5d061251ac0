using System.Text;
using System.Text.Json;

namespace ChannelBridge.Application.Common.Json;

/// <summary>
/// A value of a request body that could not be read, said the way a seller's developer can act on: where it is
/// (<c>Orders[0].OrderItems[1].Qty</c>) and why (<c>Expected a whole number from -2147483648 to 2147483647; found "two".</c>),
/// instead of the serializer's own message, which names a CLR type and a byte position.
/// <para>
/// The place is the serializer's path of the value being read, unless the thrower gives one; a list read element by
/// element (whose inner reader's path starts again at <c>$</c>) gives the whole way down, so that no level repeats it.
/// </para>
/// </summary>
public sealed class LocatedJsonException : JsonException
{
    private const int ShownChars = 40;
    private readonly string _inside;

    /// <summary>The value the serializer is reading could not be read: <paramref name="reason"/>.</summary>
    public LocatedJsonException(string reason)
        : this(string.Empty, reason)
    {
    }

    /// <summary>
    /// A place <paramref name="inside"/> the value the serializer is reading (<c>[2]</c> of a list, <c>[0].Qty</c>)
    /// could not be read: <paramref name="reason"/>.
    /// </summary>
    public LocatedJsonException(string inside, string reason, Exception? innerException = null)
        : base(reason, innerException)
    {
        _inside = inside;
        Reason = reason;
    }

    /// <summary>The place inside the whole value read, as a JSON path without the leading <c>$.</c>; empty for the value itself.</summary>
    public string Location => Within(Relative(Path), _inside);

    /// <summary>What was wrong there: "Expected …; found …." or "is null; …".</summary>
    public string Reason { get; }

    /// <summary>Read when the exception is reported, after the serializer has set <see cref="JsonException.Path"/>.</summary>
    public override string Message => Describe(Location, Reason);

    /// <summary>
    /// Where <paramref name="exception"/> happened inside the value being read and why: its own place when it has one,
    /// else the serializer's path of the value it was reading (<c>$.Quantity</c> → <c>Quantity</c>) and its message.
    /// </summary>
    public static (string Location, string Reason) Of(JsonException exception) => exception is LocatedJsonException located
        ? (located.Location, located.Reason)
        : (Relative(exception.Path), exception.Message);

    /// <summary><paramref name="location"/> inside <paramref name="outer"/>: <c>Items</c> and <c>[0]</c>, <c>Items[0]</c> and <c>Qty</c>.</summary>
    public static string Within(string outer, string location) =>
        location.Length == 0 ? outer : outer.Length == 0 ? location.TrimStart('.') : location[0] is '[' or '.' ? outer + location : $"{outer}.{location}";

    /// <summary>"Qty: Expected …", or "Items[0] is null; …" for a reason that continues the sentence.</summary>
    public static string Describe(string location, string reason) =>
        location.Length == 0 ? reason : reason.StartsWith("is ", StringComparison.Ordinal) ? $"{location} {reason}" : $"{location}: {reason}";

    /// <summary>What the reader is on, as a seller would recognise it: <c>"two"</c>, <c>1.5</c>, <c>true</c>, <c>null</c>, <c>an object</c>, <c>a list</c>.</summary>
    public static string Found(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.String => ShownText(ref reader),
        JsonTokenType.Number => Shown(Encoding.UTF8.GetString(Raw(ref reader)), quoted: false),
        JsonTokenType.True => "true",
        JsonTokenType.False => "false",
        JsonTokenType.Null => "null",
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "a list",
        _ => reader.TokenType.ToString(),
    };

    /// <summary>What <paramref name="element"/> is, said as <see cref="Found(ref Utf8JsonReader)"/> says it.</summary>
    public static string Found(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => ShownText(element),
        JsonValueKind.Number => Shown(element.GetRawText(), quoted: false),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Null => "null",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "a list",
        _ => element.ValueKind.ToString(),
    };

    /// <summary>
    /// The string the reader is on, or null when it is not text: a lone surrogate escaped (<c>"\ud800"</c>) or bytes that
    /// are not UTF-8. The reader throws for those when asked for the string, and the converters answer them as a value
    /// they cannot read, named like any other.
    /// </summary>
    public static string? TextOrNull(ref Utf8JsonReader reader)
    {
        try
        {
            return reader.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>The string as text, or as sent (its escapes kept) when it is not text.</summary>
    private static string ShownText(ref Utf8JsonReader reader) => TextOrNull(ref reader) is { } text
        ? Shown(text, quoted: true)
        : Shown($"\"{Encoding.UTF8.GetString(Raw(ref reader))}\"", quoted: false);

    private static string ShownText(JsonElement element)
    {
        try
        {
            return Shown(element.GetString() ?? string.Empty, quoted: true);
        }
        catch (InvalidOperationException)
        {
            return Shown(element.GetRawText(), quoted: false);
        }
    }

    private static byte[] Raw(ref Utf8JsonReader reader) =>
        reader.HasValueSequence ? System.Buffers.BuffersExtensions.ToArray(reader.ValueSequence) : reader.ValueSpan.ToArray();

    private static string Shown(string text, bool quoted)
    {
        var shown = text.Length <= ShownChars ? text : text[..ShownChars] + "…";
        return quoted ? JsonSerializer.Serialize(shown, LinnworksWireJson.WriteOptions) : shown;
    }

    private static string Relative(string? path) => path switch
    {
        null or "$" => string.Empty,
        _ when path.StartsWith("$.", StringComparison.Ordinal) => path[2..],
        _ when path.StartsWith('$') => path[1..],
        _ => path,
    };
}
