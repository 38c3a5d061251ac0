using System.Text.Json.Nodes;
using NJsonSchema.CodeGeneration.CSharp;
using NJsonSchema.CodeGeneration.TypeScript;
using NSwag;
using NSwag.CodeGeneration.CSharp;
using NSwag.CodeGeneration.OperationNameGenerators;
using NSwag.CodeGeneration.TypeScript;

namespace ChannelBridge.Api.FunctionalTests.Features.Clients;

/// <summary>
/// Makes the platform's typed clients from the service's OpenAPI document: the Channel API only (what a platform calls),
/// with the schemas it reaches. One client class per controller (StoresClient, ChannelStoreDataClient, …).
/// </summary>
internal static class ChannelClientGenerator
{
    public const string CSharpPath = "clients/ChannelBridge.Client/ChannelBridgeClient.g.cs";
    public const string TypeScriptPath = "clients/typescript/channelbridge-client.ts";

    public static async Task<(string CSharp, string TypeScript)> GenerateAsync(string openApiJson)
    {
        var document = await OpenApiDocument.FromJsonAsync(ChannelApiOnly(openApiJson));
        var csharp = new CSharpClientGenerator(document, new CSharpClientGeneratorSettings
        {
            ClassName = "{controller}Client",
            GenerateClientInterfaces = true,
            UseBaseUrl = false,   // the HttpClient's BaseAddress: one client per service
            OperationNameGenerator = new MultipleClientsFromOperationIdOperationNameGenerator(),
            CSharpGeneratorSettings = { Namespace = "ChannelBridge.Client", JsonLibrary = CSharpJsonLibrary.SystemTextJson, GenerateNullableReferenceTypes = true },
        }).GenerateFile();
        var typescript = new TypeScriptClientGenerator(document, new TypeScriptClientGeneratorSettings
        {
            ClassName = "{controller}Client",
            Template = TypeScriptTemplate.Fetch,
            OperationNameGenerator = new MultipleClientsFromOperationIdOperationNameGenerator(),
            TypeScriptGeneratorSettings = { TypeScriptVersion = 5.0m, DateTimeType = TypeScriptDateTimeType.String },
        }).GenerateFile();
        return (Normalized(csharp), Normalized(typescript));
    }

    private static string Normalized(string code) => code.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd() + "\n";

    /// <summary>The document with the Channel API's paths only, and only the schemas they reach.</summary>
    private static string ChannelApiOnly(string openApiJson)
    {
        var document = JsonNode.Parse(openApiJson)!.AsObject();
        document.Remove("servers");   // where the document was served from is the caller's to say (its BaseAddress)
        var paths = document["paths"]!.AsObject();
        foreach (var path in paths.Select(p => p.Key).Where(p => !p.StartsWith("/api/channel/", StringComparison.Ordinal)).ToList())
        {
            paths.Remove(path);
        }

        var schemas = document["components"]!["schemas"]!.AsObject();
        var reached = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<JsonNode>([paths]);
        while (pending.TryPop(out var node))
        {
            switch (node)
            {
                case JsonObject obj:
                    foreach (var (key, value) in obj)
                    {
                        if (key == "$ref" && value?.GetValue<string>() is { } reference && reference.StartsWith("#/components/schemas/", StringComparison.Ordinal)
                            && reached.Add(reference["#/components/schemas/".Length..]) && schemas[reference["#/components/schemas/".Length..]] is { } schema)
                        {
                            pending.Push(schema);
                        }
                        else if (value is not null)
                        {
                            pending.Push(value);
                        }
                    }

                    break;
                case JsonArray array:
                    foreach (var item in array.Where(i => i is not null))
                    {
                        pending.Push(item!);
                    }

                    break;
            }
        }

        foreach (var name in schemas.Select(s => s.Key).Where(n => !reached.Contains(n)).ToList())
        {
            schemas.Remove(name);
        }

        return document.ToJsonString();
    }
}
