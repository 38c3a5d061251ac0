using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChannelBridge.LinnworksSimulator.Simulation;

/// <summary>Property-name and type checks on Linnworks answers, recorded in the report.</summary>
public static class Shape
{
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

    private static bool Kind(Report report, string endpoint, JsonObject obj, string property, bool nullable, params JsonValueKind[] kinds)
    {
        if (!obj.TryGetPropertyValue(property, out var node))
        {
            report.Check(endpoint, $"has {property}", false, $"Property '{property}' is missing (names are PascalCase and exact).");
            return false;
        }

        var kind = node?.GetValueKind() ?? JsonValueKind.Null;
        var ok = kinds.Contains(kind) || (nullable && kind == JsonValueKind.Null);
        report.Check(endpoint, $"{property} is {string.Join("/", kinds)}{(nullable ? " or null" : string.Empty)}", ok, $"'{property}' is {kind}.");
        return ok && kind != JsonValueKind.Null;
    }
}
