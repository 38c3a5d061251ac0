using System.Runtime.CompilerServices;
using System.Text.Json.Serialization;

namespace ChannelBridge.LinnworksSimulator.Simulation;

/// <summary>One check against the Linnworks contract: what was checked, on which call, and why it failed.</summary>
public sealed record CheckResult(string Endpoint, string Check, bool Passed, string? Detail);

/// <summary>How often one check ran on one endpoint, and how often it failed.</summary>
public sealed record CheckTally(string Endpoint, string Check, int Passed, int Failed);

/// <summary>
/// Everything a run found: a tally per check, the failed checks with their reasons, and per-endpoint latencies.
/// Thread-safe (load mode shares one). A passed check costs a counter, not a record, and its detail text is never
/// formatted (<see cref="CheckDetailHandler"/>): 200 sellers make millions of checks, and the simulator shares the
/// cores with the service it measures.
/// </summary>
public sealed class Report
{
    /// <summary>Failures kept with their detail (every failure is counted; a broken service fails the same way often).</summary>
    private const int KeptFailures = 10_000;

    private readonly Lock _gate = new();
    private readonly Dictionary<(string Endpoint, string Check), int[]> _tallies = [];
    private readonly List<CheckResult> _failures = [];
    private readonly Dictionary<string, List<double>> _latencies = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<double>> _serverLatencies = new(StringComparer.Ordinal);

    /// <summary>Every check that ran, passed or failed.</summary>
    public int CheckCount
    {
        get
        {
            lock (_gate)
            {
                return _tallies.Values.Sum(t => t[0] + t[1]);
            }
        }
    }

    public int Failed
    {
        get
        {
            lock (_gate)
            {
                return _tallies.Values.Sum(t => t[1]);
            }
        }
    }

    /// <summary>The failed checks with their reasons (the first <see cref="KeptFailures"/>).</summary>
    public IReadOnlyList<CheckResult> Failures
    {
        get
        {
            lock (_gate)
            {
                return [.. _failures];
            }
        }
    }

    public IReadOnlyList<CheckTally> Tallies
    {
        get
        {
            lock (_gate)
            {
                return [.. _tallies.Select(t => new CheckTally(t.Key.Endpoint, t.Key.Check, t.Value[0], t.Value[1]))];
            }
        }
    }

    public void Check(string endpoint, string check, bool passed, string? detail = null) => Record(endpoint, check, passed, detail);

    /// <summary>As the other overload; an interpolated detail is only formatted when the check fails.</summary>
    public void Check(string endpoint, string check, bool passed, [InterpolatedStringHandlerArgument("passed")] ref CheckDetailHandler detail) =>
        Record(endpoint, check, passed, detail.ToStringAndClear());

    private void Record(string endpoint, string check, bool passed, string? detail)
    {
        lock (_gate)
        {
            if (!_tallies.TryGetValue((endpoint, check), out var tally))
            {
                _tallies[(endpoint, check)] = tally = new int[2];
            }

            tally[passed ? 0 : 1]++;
            if (!passed && _failures.Count < KeptFailures)
            {
                _failures.Add(new CheckResult(endpoint, check, false, detail));
            }
        }
    }

    public void Latency(string endpoint, double milliseconds)
    {
        lock (_gate)
        {
            if (!_latencies.TryGetValue(endpoint, out var list))
            {
                _latencies[endpoint] = list = [];
            }

            list.Add(milliseconds);
        }
    }

    /// <summary>The service's own time for one answer, as its Server-Timing header gave it (from arrival to the answer ready).</summary>
    public void ServerLatency(string endpoint, double milliseconds)
    {
        lock (_gate)
        {
            if (!_serverLatencies.TryGetValue(endpoint, out var list))
            {
                _serverLatencies[endpoint] = list = [];
            }

            list.Add(milliseconds);
        }
    }

    public IReadOnlyList<EndpointTiming> Timings()
    {
        lock (_gate)
        {
            return [.. _latencies.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l =>
            {
                var sorted = l.Value.Order().ToList();
                var server = _serverLatencies.TryGetValue(l.Key, out var s) ? s.Order().ToList() : null;
                return new EndpointTiming(
                    l.Key, sorted.Count, Percentile(sorted, 0.50), Percentile(sorted, 0.99), sorted[^1],
                    server is { Count: > 0 } ? Percentile(server, 0.50) : null, server is { Count: > 0 } ? Percentile(server, 0.99) : null);
            })];
        }
    }

    /// <summary>The readable report: failed checks with their reasons, a summary per endpoint, and latencies.</summary>
    public string ToText()
    {
        var tallies = Tallies;
        var failures = Failures;
        var failed = tallies.Sum(t => t.Failed);
        var total = tallies.Sum(t => t.Passed + t.Failed);
        var lines = new List<string> { "Linnworks simulator report", string.Empty };
        if (failed > 0)
        {
            lines.Add($"FAILED CHECKS ({failed}):");
            lines.AddRange(tallies.Where(t => t.Failed > 0).OrderBy(t => t.Endpoint, StringComparer.Ordinal).Select(t =>
                $"  ✗ {t.Endpoint}: {t.Check}{(t.Failed > 1 ? $" (×{t.Failed})" : string.Empty)}\n      " +
                failures.FirstOrDefault(f => f.Endpoint == t.Endpoint && f.Check == t.Check)?.Detail));
            lines.Add(string.Empty);
        }

        lines.Add($"{"Endpoint",-18} {"checks",8} {"failed",7} {"calls",6} {"p50 ms",8} {"p99 ms",8} {"max ms",8}");
        var timings = Timings().ToDictionary(t => t.Endpoint);
        foreach (var endpoint in tallies.Select(c => c.Endpoint).Concat(timings.Keys).Distinct().Order(StringComparer.Ordinal))
        {
            var mine = tallies.Where(c => c.Endpoint == endpoint).ToList();
            var t = timings.GetValueOrDefault(endpoint);
            lines.Add($"{endpoint,-18} {mine.Sum(c => c.Passed + c.Failed),8} {mine.Sum(c => c.Failed),7} {t?.Calls ?? 0,6} {t?.P50 ?? 0,8:F1} {t?.P99 ?? 0,8:F1} {t?.Max ?? 0,8:F1}");
        }

        lines.Add(string.Empty);
        lines.Add(failed == 0
            ? $"PASS: {total} checks passed."
            : $"FAIL: {failed} of {total} checks failed.");
        return string.Join(Environment.NewLine, lines);
    }

    public ReportDocument ToDocument() => new(Failed == 0, CheckCount, Failed, Failures, Timings());

    internal static double Percentile(IReadOnlyList<double> sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(sorted.Count * p) - 1, 0, sorted.Count - 1)];
}

/// <summary>
/// The detail of a check, written as an interpolated string at the call site but formatted only when the check
/// failed (the pattern of <c>Debug.Assert</c>'s handler): a passing check allocates nothing for its message.
/// </summary>
[InterpolatedStringHandler]
public ref struct CheckDetailHandler
{
    private DefaultInterpolatedStringHandler _inner;
    private readonly bool _failed;

    public CheckDetailHandler(int literalLength, int formattedCount, bool passed, out bool shouldAppend)
    {
        _failed = !passed;
        shouldAppend = _failed;
        _inner = _failed ? new DefaultInterpolatedStringHandler(literalLength, formattedCount, System.Globalization.CultureInfo.InvariantCulture) : default;
    }

    public void AppendLiteral(string value) => _inner.AppendLiteral(value);

    public void AppendFormatted<T>(T value) => _inner.AppendFormatted(value);

    public void AppendFormatted<T>(T value, string? format) => _inner.AppendFormatted(value, format);

    public void AppendFormatted<T>(T value, int alignment) => _inner.AppendFormatted(value, alignment);

    public void AppendFormatted<T>(T value, int alignment, string? format) => _inner.AppendFormatted(value, alignment, format);

    public void AppendFormatted(ReadOnlySpan<char> value) => _inner.AppendFormatted(value);

    public void AppendFormatted(string? value) => _inner.AppendFormatted(value);

    public string? ToStringAndClear() => _failed ? _inner.ToStringAndClear() : null;
}

/// <param name="ServerP50">The service's own time (its Server-Timing header), when it sends one; else null.</param>
public sealed record EndpointTiming(string Endpoint, int Calls, double P50, double P99, double Max, double? ServerP50 = null, double? ServerP99 = null);

/// <summary>The --json output.</summary>
public sealed record ReportDocument(
    [property: JsonPropertyName("passed")] bool Passed,
    [property: JsonPropertyName("checks")] int Checks,
    [property: JsonPropertyName("failed")] int Failed,
    [property: JsonPropertyName("failures")] IReadOnlyList<CheckResult> Failures,
    [property: JsonPropertyName("timings")] IReadOnlyList<EndpointTiming> Timings);
