using System.Text;
using System.Text.RegularExpressions;

namespace ChannelBridge.Domain.UserConfigs;

/// <summary>
/// Runs a RegExValidation pattern the way the Linnworks UI does (JavaScript <c>RegExp.test</c>):
/// a match anywhere in the value, ECMAScript semantics, optional <c>/pattern/flags</c> literal
/// form with the i, m and s flags. Every match is bounded by a timeout so a pathological
/// pattern cannot hold a request past Linnworks' 10 s budget.
/// </summary>
public sealed class JavaScriptRegex
{
    public static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(250);

    private readonly Regex _regex;

    private JavaScriptRegex(Regex regex) => _regex = regex;

    public static bool TryCreate(string pattern, out JavaScriptRegex? regex, out string? error)
    {
        var (body, options) = Split(pattern);
        try
        {
            body = Translate(body, options.HasFlag(RegexOptions.Multiline), dotAll: options.HasFlag(RegexOptions.Singleline));
            regex = new JavaScriptRegex(new Regex(body, options, MatchTimeout));
            error = null;
            return true;
        }
        catch (ArgumentException ex)
        {
            regex = null;
            error = ex.Message;
            return false;
        }
    }

    /// <returns>true when it matches, false when not, null when the match timed out.</returns>
    public bool? IsMatch(string value)
    {
        try
        {
            return _regex.IsMatch(value);
        }
        catch (RegexMatchTimeoutException)
        {
            return null;
        }
    }

    /// <summary>
    /// The pattern with JavaScript's <c>^</c>, <c>$</c>, <c>.</c>, <c>[]</c> and <c>[^]</c> spelled out for .NET, outside
    /// escapes and character classes. JavaScript's <c>$</c> matches only at the end, where .NET's also matches before a
    /// final newline; its <c>.</c> stops at \r, \u2028 and \u2029 as well as \n; with the m flag its <c>^</c> and
    /// <c>$</c> match beside any of the four; <c>[]</c> matches nothing and <c>[^]</c> anything, where .NET reads a
    /// <c>]</c> there as a literal.
    /// </summary>
    private static string Translate(string body, bool multiline, bool dotAll)
    {
        var result = new StringBuilder(body.Length + 16);
        var inClass = false;
        for (var i = 0; i < body.Length; i++)
        {
            var c = body[i];
            if (c == '\\' && i + 1 < body.Length)
            {
                result.Append(c).Append(body[++i]);
            }
            else if (inClass)
            {
                inClass = c != ']';
                result.Append(c);
            }
            else if (c == '[' && EmptyClass(body, i) is { } empty)
            {
                result.Append(empty.Net);
                i += empty.Length - 1;
            }
            else if (c == '[')
            {
                inClass = true;
                result.Append(c);
            }
            else
            {
                result.Append(c switch
                {
                    '$' => multiline ? @"(?=[\n\r\u2028\u2029]|\z)" : @"\z",
                    '^' when multiline => @"(?<=[\n\r\u2028\u2029]|\A)",
                    '.' when !dotAll => @"[^\n\r\u2028\u2029]",
                    _ => c.ToString(),
                });
            }
        }

        return result.ToString();
    }

    /// <summary>JavaScript's <c>[]</c> (nothing) or <c>[^]</c> (anything) at <paramref name="i"/>, as .NET writes it, and its length in the pattern.</summary>
    private static (string Net, int Length)? EmptyClass(string body, int i) =>
        body.AsSpan(i).StartsWith("[]") ? ("(?!)", 2) : body.AsSpan(i).StartsWith("[^]") ? (@"[\s\S]", 3) : null;

    private static (string Body, RegexOptions Options) Split(string pattern)
    {
        var body = pattern;
        var flags = string.Empty;
        var last = pattern.LastIndexOf('/');
        if (pattern.Length > 1 && pattern[0] == '/' && last > 0 && pattern[(last + 1)..].All(c => "gimsuy".Contains(c, StringComparison.Ordinal)))
        {
            body = pattern[1..last];
            flags = pattern[(last + 1)..];
        }

        var options = RegexOptions.CultureInvariant;
        if (flags.Contains('i', StringComparison.Ordinal))
        {
            options |= RegexOptions.IgnoreCase;
        }

        if (flags.Contains('m', StringComparison.Ordinal))
        {
            options |= RegexOptions.Multiline;
        }

        // .NET allows ECMAScript only with IgnoreCase/Multiline; dotAll ('s') needs Singleline instead.
        if (flags.Contains('s', StringComparison.Ordinal))
        {
            options |= RegexOptions.Singleline;
        }
        else
        {
            options = (options & ~RegexOptions.CultureInvariant) | RegexOptions.ECMAScript;
        }

        return (body, options);
    }
}
