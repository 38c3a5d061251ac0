using System.Globalization;

namespace ChannelBridge.Application.Common.Json;

/// <summary>
/// A whole number however JSON writes it: <c>2</c>, and <c>2.0</c> or <c>2.5e1</c> too, as a C# platform writes a
/// <c>decimal</c> quantity and a Python one a float. <c>1.5</c> is not one.
/// </summary>
public static class WholeNumber
{
    private const NumberStyles JsonNumber = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;

    /// <summary>
    /// The number in <paramref name="text"/> when it is whole and fits a <c>long</c>. A value too small for a decimal reads
    /// as 0 there, so a zero must be written with zeros only (<c>1e-400</c> is no whole number).
    /// </summary>
    public static bool TryParse(string? text, out long value)
    {
        value = 0;
        if (!decimal.TryParse(text, JsonNumber, CultureInfo.InvariantCulture, out var d) || d != decimal.Truncate(d) || d is < long.MinValue or > long.MaxValue)
        {
            return false;
        }

        if (d == 0 && Mantissa(text!).IndexOfAnyInRange('1', '9') >= 0)
        {
            return false;
        }

        value = (long)d;
        return true;
    }

    /// <summary>A number's digits before its exponent.</summary>
    private static ReadOnlySpan<char> Mantissa(string text) => text.AsSpan(0, text.AsSpan().IndexOfAny('e', 'E') is var e and >= 0 ? e : text.Length);
}
