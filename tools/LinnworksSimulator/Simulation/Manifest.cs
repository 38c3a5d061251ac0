using System.Text.Json.Nodes;

namespace ChannelBridge.LinnworksSimulator.Simulation;

/// <summary>The endpoint URLs of an integration, read from a Linnworks app-module manifest.</summary>
public sealed class Manifest
{
    private readonly Dictionary<string, string> _parameters;

    private Manifest(Dictionary<string, string> parameters) => _parameters = parameters;

    public IReadOnlyDictionary<string, string> Parameters => _parameters;

    /// <summary>
    /// Accepts the portal shape <c>{"type","parameters":[{"name","value"}]}</c> (any case) or a flat object
    /// <c>{"AddNewUserEndpoint":"https://…"}</c>. With <paramref name="rebaseTo"/>, every endpoint keeps its
    /// path but goes to that host (to test locally what the manifest says lives elsewhere).
    /// </summary>
    public static Manifest Parse(string json, Uri? rebaseTo = null)
    {
        var node = JsonNode.Parse(json) as JsonObject ?? throw new FormatException("The manifest is not a JSON object.");
        var parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var list = node.FirstOrDefault(p => p.Key.Equals("parameters", StringComparison.OrdinalIgnoreCase)).Value as JsonArray;
        if (list is not null)
        {
            foreach (var p in list.OfType<JsonObject>())
            {
                var name = p.FirstOrDefault(x => x.Key.Equals("name", StringComparison.OrdinalIgnoreCase)).Value?.ToString();
                var value = p.FirstOrDefault(x => x.Key.Equals("value", StringComparison.OrdinalIgnoreCase)).Value?.ToString();
                if (name is not null && value is not null)
                {
                    parameters[name] = value;
                }
            }
        }
        else
        {
            foreach (var (key, value) in node)
            {
                if (value is JsonValue v && v.TryGetValue<string>(out var s))
                {
                    parameters[key] = s;
                }
            }
        }

        if (rebaseTo is not null)
        {
            foreach (var key in parameters.Keys.Where(k => k.EndsWith("Endpoint", StringComparison.OrdinalIgnoreCase)).ToList())
            {
                if (Uri.TryCreate(parameters[key], UriKind.Absolute, out var url))
                {
                    parameters[key] = new Uri(rebaseTo, url.PathAndQuery).ToString();
                }
            }
        }

        return new Manifest(parameters);
    }

    /// <summary>The URL of e.g. "AddNewUser" (looked up as AddNewUserEndpoint), or null if the integration has none.</summary>
    public Uri? Endpoint(string name) =>
        _parameters.TryGetValue(name + "Endpoint", out var url) && Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri : null;
}
