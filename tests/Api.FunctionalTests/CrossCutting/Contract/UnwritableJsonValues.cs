using System.Text.Json.Nodes;

namespace ChannelBridge.Api.FunctionalTests.CrossCutting.Contract;

/// <summary>
/// Values a client can send that JsonNode cannot hold as sent: a lone surrogate escaped in a string, and a number past
/// every range. A marker stands in the node, and the body's text gets the value in its place.
/// </summary>
internal static class UnwritableJsonValues
{
    public const string LoneSurrogate = "marker-lone-surrogate";
    public const string PastEveryRange = "marker-past-every-range";

    public static string Text(JsonNode? body) => (body?.ToJsonString() ?? "null")
        .Replace($"\"{LoneSurrogate}\"", "\"x\\ud800\"", StringComparison.Ordinal)
        .Replace($"\"{PastEveryRange}\"", "1e400", StringComparison.Ordinal);
}
