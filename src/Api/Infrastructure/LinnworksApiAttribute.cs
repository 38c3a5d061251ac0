namespace ChannelBridge.Api.Infrastructure;

/// <summary>
/// Marks a controller whose actions Linnworks calls: every answer is HTTP 200 with the action's
/// response type, and failures (bad JSON, oversized body, unexpected errors) set its Error.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class LinnworksApiAttribute : Attribute;

/// <summary>
/// Names the Linnworks manifest parameter (e.g. <c>AddNewUserEndpoint</c>) that points at this action; more
/// than one where Linnworks' sources spell it differently (<c>PostSaleOptionsEndpoint</c> / <c>PostSaleOptions</c>).
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class LinnworksManifestAttribute(params string[] parameters) : Attribute
{
    public IReadOnlyList<string> Parameters { get; } = parameters;

    /// <summary>One of the seven listing endpoints: in the manifest only once the operator has uploaded listing settings.</summary>
    public bool ListingTool { get; init; }
}
