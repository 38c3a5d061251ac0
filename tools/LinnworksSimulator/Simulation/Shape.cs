using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChannelBridge.LinnworksSimulator.Simulation;

/// <summary>
/// Property-name and type checks on Linnworks answers, recorded in the report: on a node tree (wizard steps and other
/// small answers) or on an element read where it lies (page items, thousands per second in load mode).
/// </summary>
public static class Shape
{
    /// <summary>Each check's name, made once per property and kinds rather than once per check (load mode makes millions).</summary>
    private static readonly ConcurrentDictionary<(string Property, JsonValueKind First, JsonValueKind Second, bool Nullable), string> Labels = new();

    public static bool String(Report report, string endpoint, JsonObject obj, string property, bool nullable = true) =>
        Kind(report, endpoint, obj, property, nullable, JsonValueKind.String);

    public static bool Bool(Report report, string endpoint, JsonObject obj, string property) =>
        Kind(report, endpoint, obj, property, false, JsonValueKind.True, JsonValueKind.False);

    public static bool Number(Report report, string endpoint, JsonObject obj, string property, bool nullable = false) =>
        Kind(report, endpoint, obj, property, nullable, JsonValueKind.Number);

    /// <summary>An array, never null: Linnworks expects empty arrays in the default response.</summary>
    public static JsonArray Array(Report report, string endpoint, JsonObject obj, string property)
    {
        var ok = Kind(report, endpoint, obj, property, false, JsonValueKind.Array);
        return ok ? obj[property]!.AsArray() : [];
    }

    public static string? Text(JsonObject obj, string property) =>
        obj[property] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    public static bool String(Report report, string endpoint, JsonElement obj, string property, bool nullable = true) =>
        Kind(report, endpoint, obj, property, nullable, JsonValueKind.String);

    public static bool Bool(Report report, string endpoint, JsonElement obj, string property) =>
        Kind(report, endpoint, obj, property, false, JsonValueKind.True, JsonValueKind.False);

    public static bool Number(Report report, string endpoint, JsonElement obj, string property, bool nullable = false) =>
        Kind(report, endpoint, obj, property, nullable, JsonValueKind.Number);

    /// <summary>An array's items (none when it is missing or not an array, which is recorded).</summary>
    public static IEnumerable<JsonElement> Array(Report report, string endpoint, JsonElement obj, string property) =>
        Kind(report, endpoint, obj, property, false, JsonValueKind.Array) ? obj.GetProperty(property).EnumerateArray() : [];

    public static string? Text(JsonElement obj, string property) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static bool Kind(Report report, string endpoint, JsonObject obj, string property, bool nullable, JsonValueKind kind, JsonValueKind orKind = JsonValueKind.Undefined)
    {
        if (!obj.TryGetPropertyValue(property, out var node))
        {
            return Missing(report, endpoint, property);
        }

        return Is(report, endpoint, property, node?.GetValueKind() ?? JsonValueKind.Null, nullable, kind, orKind);
    }

    private static bool Kind(Report report, string endpoint, JsonElement obj, string property, bool nullable, JsonValueKind kind, JsonValueKind orKind = JsonValueKind.Undefined)
    {
        if (obj.ValueKind != JsonValueKind.Object || !obj.TryGetProperty(property, out var value))
        {
            return Missing(report, endpoint, property);
        }

        return Is(report, endpoint, property, value.ValueKind, nullable, kind, orKind);
    }

    private static bool Missing(Report report, string endpoint, string property)
    {
        report.Check(endpoint, $"has {property}", false, $"Property '{property}' is missing (names are PascalCase and exact).");
        return false;
    }

    private static bool Is(Report report, string endpoint, string property, JsonValueKind actual, bool nullable, JsonValueKind kind, JsonValueKind orKind)
    {
        var ok = actual == kind || (orKind != JsonValueKind.Undefined && actual == orKind) || (nullable && actual == JsonValueKind.Null);
        var label = Labels.GetOrAdd((property, kind, orKind, nullable), static key =>
            $"{key.Property} is {key.First}{(key.Second == JsonValueKind.Undefined ? string.Empty : "/" + key.Second)}{(key.Nullable ? " or null" : string.Empty)}");
        report.Check(endpoint, label, ok, $"'{property}' is {actual}.");
        return ok && actual != JsonValueKind.Null;
    }
}
