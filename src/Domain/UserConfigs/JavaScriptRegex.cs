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
