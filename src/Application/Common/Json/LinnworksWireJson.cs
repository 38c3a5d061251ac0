using System.Text.Encodings.Web;
using System.Text.Json;

namespace ChannelBridge.Application.Common.Json;

/// <summary>
/// How both APIs write JSON, in one place: the API's serializer options take these settings, and so does
/// what is rendered ahead of time and copied into an answer as it is (ADR-011), so the two cannot differ.
/// </summary>
public static class LinnworksWireJson
{
    /// <summary>
    /// ASP.NET Core's own choice for JSON answers (its output formatter uses it when none is set): only what JSON
    /// requires is escaped, so "Zoë" and "&lt;b&gt;" arrive as written. The answers are application/json, never HTML.
    /// </summary>
    public static JavaScriptEncoder Encoder => JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    /// <summary>Options for writing: PascalCase as declared, dates as Linnworks documents them, <see cref="Encoder"/>.</summary>
    public static JsonSerializerOptions WriteOptions { get; } = new() { Encoder = Encoder, Converters = { new LinnworksDateTimeConverter() } };
}
