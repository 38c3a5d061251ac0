using System.Text;
using System.Text.Json.Nodes;
using ChannelBridge.Api.FunctionalTests.CrossCutting.Secrets;
using ChannelBridge.Api.FunctionalTests.Features.Orders;
using ChannelBridge.Application.Common.Linnworks;

namespace ChannelBridge.Api.FunctionalTests.CrossCutting.Contract;

/// <summary>The log-capturing service with the per-minute limits out of the way, so every mutated body reaches its handler.</summary>
public sealed class HostileValuesApiFactory : LogCapturingApiFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
    {
        ["RateLimits:LinnworksPerIntegrationPerMinute"] = "1000000",
        ["RateLimits:ChannelPerKeyPerMinute"] = "1000000",
        ["RateLimits:FailedAuthPerAddressPerMinute"] = "1000000",
        ["RateLimits:NewIntegrationsPerAddressPerMinute"] = "1000000",
    };
}

/// <summary>
/// Every operation of the service's own OpenAPI document, each sent a body built from its schema and then, a few values at a
/// time, given hostile ones anywhere: nulls, values of the wrong kind, numbers past every range, text that is not text (a
/// lone surrogate), control characters, long text, C#'s unset date, whole lists repeated, fields misspelt; and bodies that are not JSON at
/// all. Whatever arrives, a Linnworks route answers HTTP 200 with an Error property, an exact Content-Length and never
/// "An unexpected error occurred" (and, when its Error is null, every item of its batch); the Channel API answers below
/// 500, and a ProblemDetails when it refuses; a call refused whole changes nothing stored; and nothing is logged as an
/// error. The mutations are seeded: a failure
/// repeats, and names what was sent. An endpoint added later is covered by being in the document.
/// </summary>
public class HostileValuesEverywhereTests(HostileValuesApiFactory factory) : IClassFixture<HostileValuesApiFactory>
{
    private const int MutationsPerOperation = 24;

    // Operations that would end the run's own access: the rest run with the integration and keys they need.
    private static readonly string[] Skipped =
        ["/api/Config/ConfigDeleted", "/api/channel/v1/stores/{storeId}/rotate-key", "/api/channel/v1/stores/{storeId}/disable", "/oauth/token"];

    private static readonly Dictionary<string, string> Batches = new()
    {
        ["/api/Order/Despatch"] = "Orders", ["/api/Product/InventoryUpdate"] = "Products", ["/api/Product/PriceUpdate"] = "Products",
    };

    private static readonly string[] NotJsonBodies =
        ["", "{", "null", "[]", "\"x\"", "1e400", "{\"a\":1,}", "{\"PageNumber\":1e400}", new string('[', 5000) + new string(']', 5000)];

    [Fact]
    public async Task EveryOperation_AnswersWithinTheContract_WhateverValueIsSentAnywhere()
    {
        var (token, storeId, store) = await factory.IntegrateWithAnOrderAndAListing("HV-1", "HV-SKU", 9.99m);
        var document = await ApiClientExtensions.ReadObject(await factory.Client().GetAsync("/swagger/v1/swagger.json"));
        var schemas = document["components"]!["schemas"]!.AsObject();
        var known = new Dictionary<string, string> { ["AuthorizationToken"] = token, ["ReferenceNumber"] = "HV-1", ["SKU"] = "HV-SKU", ["Url"] = "http://127.0.0.1:9/hook" };
        var problems = new List<string>();
        var sent = 0;

        foreach (var (index, (method, template, schema)) in Operations(document).Index())
        {
            var path = template.Replace("{storeId}", storeId).Replace("{categoryId}", "1").Replace("{sku}", "HV-SKU");
            var client = IsOperators(method, template) ? factory.ChannelClient(ApiFactory.OperatorKey) : template.StartsWith("/api/channel/", StringComparison.Ordinal) ? store : factory.Client();
            var random = new Random(index);
            var body = schema is null ? new JsonObject { ["AuthorizationToken"] = token } : new BodyBuilder(schemas, known, random).Build(schema);
            var bodies = Enumerable.Range(0, MutationsPerOperation).Select(_ => Hostile.Text(Hostile.Mutate(body, random))).Concat(NotJsonBodies);
            foreach (var text in bodies)
            {
                var before = method == "GET" ? null : Stored();
                using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = new StringContent(text, Encoding.UTF8, "application/json") };
                var response = await client.SendAsync(request);
                var answer = await response.Content.ReadAsByteArrayAsync();
                var breach = Breach(template, text, response, answer)
                    ?? (before is not null && Refused(template, response, answer) && ChangedTable(before, Stored()) is { } table ? $"refused, yet {table} changed" : null);
                if (breach is not null)
                {
                    problems.Add($"{method} {template}: {breach}\n  sent {Shorten(text)}\n  got {(int)response.StatusCode} {Shorten(Encoding.UTF8.GetString(answer))}");
                }

                sent++;
            }
        }

        problems.Should().BeEmpty();
        factory.Lines.Where(l => l.StartsWith("Error ", StringComparison.Ordinal) || l.StartsWith("Critical ", StringComparison.Ordinal))
            .Should().BeEmpty("a value a caller sends is answered, never logged as the service's own failure");
        sent.Should().BeGreaterThan(500, "every operation of the document was sent its bodies");
    }

    // Written by the service's own background work whatever a call is answered: activity, leases, key rings, webhook state.
    private static readonly string[] Background =
        ["IntegrationActivity", "IntegrationActivityHours", "JobLeases", "OAuthTokens", "DataProtectionKeys", "SchemaVersions", "sqlite_sequence", "StoreWebhooks", "StoreFeedCursors"];

    /// <summary>A hash of every row of each table the calls write, read from the database file as it is committed.</summary>
    private Dictionary<string, string> Stored()
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={factory.DatabasePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        var tables = new List<string>();
        using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table'";
            using var names = list.ExecuteReader();
            while (names.Read())
            {
                tables.Add(names.GetString(0));
            }
        }

        return tables.Except(Background).ToDictionary(t => t, t =>
        {
            using var rows = connection.CreateCommand();
            rows.CommandText = $"SELECT * FROM \"{t}\" ORDER BY rowid";
            using var reader = rows.ExecuteReader();
            var hash = new HashCode();
            while (reader.Read())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    hash.Add(reader.GetValue(i) is byte[] bytes ? Convert.ToBase64String(bytes) : reader.GetValue(i));
                }
            }

            return hash.ToHashCode().ToString(System.Globalization.CultureInfo.InvariantCulture);
        });
    }

    private static string? ChangedTable(Dictionary<string, string> before, Dictionary<string, string> after) =>
        before.Keys.Union(after.Keys).FirstOrDefault(t => before.GetValueOrDefault(t) != after.GetValueOrDefault(t));

    /// <summary>A refusal of the whole call: a Channel API 4xx, a Linnworks answer with the call's Error set.</summary>
    private static bool Refused(string path, HttpResponseMessage response, byte[] answer) =>
        path.StartsWith("/api/channel/", StringComparison.Ordinal)
            ? (int)response.StatusCode is >= 400 and < 500
            : path.StartsWith("/api/", StringComparison.Ordinal) && path != "/api/manifest" && JsonNode.Parse(answer)?["Error"] is not null;

    private static IEnumerable<(string Method, string Path, JsonObject? Schema)> Operations(JsonObject document) =>
        from path in document["paths"]!.AsObject()
        from operation in path.Value!.AsObject()
        let method = operation.Key.ToUpperInvariant()
        where !Skipped.Contains(path.Key) && !(method == "GET" && path.Key.EndsWith(".png", StringComparison.Ordinal))
        select (method, path.Key, operation.Value!["requestBody"]?["content"]?["application/json"]?["schema"] as JsonObject);

    private static bool IsOperators(string method, string path) =>
        path.StartsWith("/api/channel/v1/listing", StringComparison.Ordinal) || (method == "POST" && path == "/api/channel/v1/stores");

    /// <summary>What the answer breaks of the contract, or null.</summary>
    private static string? Breach(string path, string sent, HttpResponseMessage response, byte[] answer)
    {
        var status = (int)response.StatusCode;
        if (response.Content.Headers.ContentLength != answer.Length && status != 204)
        {
            return "no exact Content-Length";
        }

        if (!path.StartsWith("/api/", StringComparison.Ordinal) || path.StartsWith("/api/channel/", StringComparison.Ordinal) || path == "/api/manifest")
        {
            return status >= 500 ? "a server error"
                : status >= 400 && status != 405 && response.Content.Headers.ContentType?.MediaType != "application/problem+json" ? "a refusal that is not a ProblemDetails"
                : status >= 400 && status != 405 && JsonNode.Parse(answer) is JsonObject problem && new[] { "type", "title", "status", "traceId" }.FirstOrDefault(k => !problem.ContainsKey(k)) is { } missing
                    ? $"a ProblemDetails without its {missing}"
                : null;
        }

        if (status != 200 || JsonNode.Parse(answer) is not JsonObject body || !body.ContainsKey("Error"))
        {
            return "a Linnworks answer that is not HTTP 200 with an Error property";
        }

        if (body["Error"]?.GetValue<string>() is { } error)
        {
            return error.StartsWith(LinnworksErrors.Internal(string.Empty)[..30], StringComparison.Ordinal) ? "an unexpected error" : null;
        }

        return Unanswered(path, sent, body);
    }

    /// <summary>A batch answered without a call Error answers each item it was sent.</summary>
    private static string? Unanswered(string path, string sent, JsonObject answer)
    {
        if (!Batches.TryGetValue(path, out var list))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(sent) is JsonObject request && request[list] is JsonArray items && answer[list] is JsonArray answered && items.Count != answered.Count
                ? $"{answered.Count} of {items.Count} items answered with no call Error"
                : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private static string Shorten(string text) => text.Length <= 400 ? text : text[..400] + "…";

    /// <summary>A plausible body for a schema of the document: the run's own token, order and SKU where they are named.</summary>
    private sealed class BodyBuilder(JsonObject schemas, IReadOnlyDictionary<string, string> known, Random random)
    {
        public JsonNode? Build(JsonObject schema, string? name = null, int depth = 0)
        {
            schema = Resolve(schema);
            if (name is not null && known.TryGetValue(name, out var value))
            {
                return value;
            }

            if (schema["enum"] is JsonArray values)
            {
                return values[random.Next(values.Count)]?.DeepClone();
            }

            return (schema["type"]?.GetValue<string>(), schema["format"]?.GetValue<string>()) switch
            {
                ("array", _) when depth < 6 => new JsonArray([.. Enumerable.Range(0, random.Next(1, 3)).Select(_ => Build(schema["items"]!.AsObject(), name, depth + 1))]),
                ("array", _) => new JsonArray(),
                ("string", "date-time") => "2026-11-30T10:00:00Z",
                ("string", _) => $"{name ?? "x"}{random.Next(1, 99)}",
                ("integer", _) => random.Next(1, 5),
                ("number", _) => Math.Round((decimal)random.NextDouble() * 50, 2),
                ("boolean", _) => random.Next(2) == 1,
                _ when depth < 6 && schema["properties"] is JsonObject properties => new JsonObject(properties.Select(p => KeyValuePair.Create(p.Key, Build(p.Value!.AsObject(), p.Key, depth + 1)))),
                _ => new JsonObject(),
            };
        }

        private JsonObject Resolve(JsonObject schema) => schema switch
        {
            _ when schema["$ref"] is { } reference => Resolve(schemas[reference.GetValue<string>().Split('/')[^1]]!.AsObject()),
            _ when schema["allOf"] is JsonArray { Count: 1 } all => Resolve(all[0]!.AsObject()),
            _ when schema["oneOf"] is JsonArray { Count: > 0 } one => Resolve(one[0]!.AsObject()),
            _ => schema,
        };
    }

    /// <summary>Hostile values, and bodies with a few of their values replaced by them.</summary>
    private static class Hostile
    {
        private static readonly Func<JsonNode?>[] Values =
        [
            () => null, () => "", () => " ", () => 0, () => -1, () => 2_147_483_648L, () => 9_223_372_036_854_775_808m,
            () => 0.1234567890123456789012345678m, () => -0.0, () => true, () => new JsonArray(), () => new JsonObject(),
            () => new JsonArray((JsonNode?)null), () => "0001-01-01T00:00:00", () => "0001-01-01", () => "9999-12-31T23:59:59.9999999Z",
            () => "2026-02-30", () => "NaN", () => "1e400", () => "-1", () => "x\u0000y", () => new string('A', 5000), () => "\u202e",
            () => "<script>", () => "' OR 1=1 --", () => "true", () => "null", () => "00000000-0000-0000-0000-000000000000",
            () => UnwritableJsonValues.LoneSurrogate, () => UnwritableJsonValues.PastEveryRange,
        ];

        public static JsonNode? Mutate(JsonNode? body, Random random)
        {
            var copy = body?.DeepClone();
            for (var n = random.Next(1, 4); n > 0; n--)
            {
                var places = Places(copy).ToList();
                var (parent, key) = places[random.Next(places.Count)];
                var roll = random.NextDouble();
                if (parent is null)
                {
                    copy = Values[random.Next(Values.Length)]();
                }
                else if (roll < 0.1 && parent is JsonObject obj)
                {
                    obj.Remove((string)key!);
                }
                else if (roll < 0.15 && Get(parent, key) is JsonArray { Count: > 0 } list)
                {
                    Set(parent, key, new JsonArray([.. Enumerable.Repeat(list, random.Next(2) == 0 ? 2 : 50).SelectMany(l => l.Select(i => i?.DeepClone()))]));
                }
                else if (roll < 0.2 && parent is JsonObject misspelt && key is string name && !misspelt.ContainsKey(name + "_"))
                {
                    // A misspelt field: the Channel API refuses it (ADR-035), a Linnworks body reads past it.
                    var value = misspelt[name];
                    misspelt.Remove(name);
                    misspelt[name + "_"] = value;
                }
                else
                {
                    Set(parent, key, Values[random.Next(Values.Length)]());
                }
            }

            return copy;
        }

        public static string Text(JsonNode? body) => UnwritableJsonValues.Text(body);

        /// <summary>Every value's place: its parent and its name or index; the body itself as (null, null).</summary>
        private static IEnumerable<(JsonNode? Parent, object? Key)> Places(JsonNode? node)
        {
            yield return (null, null);
            foreach (var place in Within(node))
            {
                yield return place;
            }
        }

        private static IEnumerable<(JsonNode? Parent, object? Key)> Within(JsonNode? node) => node switch
        {
            JsonObject obj => obj.ToList().SelectMany(p => Within(p.Value).Prepend((obj, p.Key))),
            JsonArray array => array.Select((item, i) => (item, i)).ToList().SelectMany(x => Within(x.item).Prepend((array, x.i))),
            _ => [],
        };

        private static JsonNode? Get(JsonNode parent, object? key) => parent is JsonObject obj ? obj[(string)key!] : parent.AsArray()[(int)key!];

        private static void Set(JsonNode parent, object? key, JsonNode? value)
        {
            if (parent is JsonObject obj)
            {
                obj[(string)key!] = value;
            }
            else
            {
                parent.AsArray()[(int)key!] = value;
            }
        }
    }
}
