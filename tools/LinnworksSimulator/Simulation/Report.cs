using System.Text.Json.Serialization;

namespace ChannelBridge.LinnworksSimulator.Simulation;

/// <summary>One check against the Linnworks contract: what was checked, on which call, and why it failed.</summary>
public sealed record CheckResult(string Endpoint, string Check, bool Passed, string? Detail);

/// <summary>Everything a run found: checks and per-endpoint latencies. Thread-safe (load mode shares one).</summary>
public sealed class Report
{
    private readonly Lock _gate = new();
    private readonly List<CheckResult> _checks = [];
    private readonly Dictionary<string, List<double>> _latencies = new(StringComparer.Ordinal);

    public IReadOnlyList<CheckResult> Checks
    {
        get
        {
            lock (_gate)
            {
                return [.. _checks];
            }
        }
    }

    public int Failed => Checks.Count(c => !c.Passed);

    public void Check(string endpoint, string check, bool passed, string? detail = null)
    {
        lock (_gate)
        {
            _checks.Add(new CheckResult(endpoint, check, passed, passed ? null : detail));
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

    public IReadOnlyList<EndpointTiming> Timings()
    {
        lock (_gate)
        {
            return [.. _latencies.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l =>
            {
                var sorted = l.Value.Order().ToList();
                return new EndpointTiming(l.Key, sorted.Count, Percentile(sorted, 0.50), Percentile(sorted, 0.99), sorted[^1]);
            })];
        }
    }

    /// <summary>The readable report: failed checks with their reasons, a summary per endpoint, and latencies.</summary>
    public string ToText()
    {
        var checks = Checks;
        var lines = new List<string> { "Linnworks simulator report", string.Empty };
        var failed = checks.Where(c => !c.Passed).ToList();
        if (failed.Count > 0)
        {
            lines.Add($"FAILED CHECKS ({failed.Count}):");
            lines.AddRange(failed.GroupBy(f => (f.Endpoint, f.Check)).Select(g =>
                $"  ✗ {g.Key.Endpoint}: {g.Key.Check}{(g.Count() > 1 ? $" (×{g.Count()})" : string.Empty)}\n      {g.First().Detail}"));
            lines.Add(string.Empty);
        }

        lines.Add($"{"Endpoint",-18} {"checks",8} {"failed",7} {"calls",6} {"p50 ms",8} {"p99 ms",8} {"max ms",8}");
        var timings = Timings().ToDictionary(t => t.Endpoint);
        foreach (var endpoint in checks.Select(c => c.Endpoint).Concat(timings.Keys).Distinct().Order(StringComparer.Ordinal))
        {
            var mine = checks.Where(c => c.Endpoint == endpoint).ToList();
            var t = timings.GetValueOrDefault(endpoint);
            lines.Add($"{endpoint,-18} {mine.Count,8} {mine.Count(c => !c.Passed),7} {t?.Calls ?? 0,6} {t?.P50 ?? 0,8:F1} {t?.P99 ?? 0,8:F1} {t?.Max ?? 0,8:F1}");
        }

        lines.Add(string.Empty);
        lines.Add(failed.Count == 0
            ? $"PASS: {checks.Count} checks passed."
            : $"FAIL: {failed.Count} of {checks.Count} checks failed.");
        return string.Join(Environment.NewLine, lines);
    }

    public ReportDocument ToDocument() => new(Failed == 0, Checks.Count, Failed, [.. Checks.Where(c => !c.Passed)], Timings());

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(sorted.Count * p) - 1, 0, sorted.Count - 1)];
}

public sealed record EndpointTiming(string Endpoint, int Calls, double P50, double P99, double Max);

/// <summary>The --json output.</summary>
public sealed record ReportDocument(
    [property: JsonPropertyName("passed")] bool Passed,
    [property: JsonPropertyName("checks")] int Checks,
    [property: JsonPropertyName("failed")] int Failed,
    [property: JsonPropertyName("failures")] IReadOnlyList<CheckResult> Failures,
    [property: JsonPropertyName("timings")] IReadOnlyList<EndpointTiming> Timings);
