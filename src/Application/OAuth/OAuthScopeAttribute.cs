using System.Reflection;

namespace ChannelBridge.Application.OAuth;

/// <summary>
/// The OAuth scope a Linnworks request needs when it carries a bearer: <see cref="Orders"/> for Orders,
/// Despatch, Cancel, Refund and PostSaleOptions; <see cref="Listings"/> for Products, InventoryUpdate and
/// PriceUpdate (and the listing endpoints). Config endpoints need a valid bearer of the store, no scope.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class OAuthScopeAttribute(string scope) : Attribute
{
    public const string Orders = "orders";
    public const string Listings = "listings";

    /// <summary>Every scope some endpoint needs: what the manifest asks Linnworks for.</summary>
    public static readonly IReadOnlyList<string> All = [Orders, Listings];

    public string Scope { get; } = scope;

    /// <summary>The scope <typeparamref name="TRequest"/> needs, or null.</summary>
    public static string? Of<TRequest>() => Cache<TRequest>.Scope;

    private static class Cache<TRequest>
    {
        public static readonly string? Scope = typeof(TRequest).GetCustomAttribute<OAuthScopeAttribute>()?.Scope;
    }
}
