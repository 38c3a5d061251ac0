using System.Reflection;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using ChannelBridge.Api.Controllers;
using Microsoft.AspNetCore.Mvc;

namespace ChannelBridge.Api.Json;

/// <summary>
/// A JSON contract rule for the Channel API's request bodies: a field the body does not have is refused, naming where it
/// was found (<c>Orders[3].OrderItems[0].UnitPrice is not a field of this request</c>), and nothing is stored. Every
/// upsert replaces what it names whole, so a misspelt <c>PricePerUnit</c> or <c>Quantity</c> would otherwise be stored as
/// 0 and a misspelt <c>Price</c> as no price, unseen. The platform's engineers own these bodies (and the generated
/// clients send exactly their fields); Linnworks' bodies stay lenient, as Linnworks sends fields this service does not
/// read. The types are found from the Channel API controllers' body parameters and everything they hold, so an endpoint
/// added later is covered; a type that a Linnworks endpoint also reads keeps reading unknown fields.
/// </summary>
public static class ChannelFieldsReadAsDeclared
{
    private static readonly Lazy<HashSet<Type>> ChannelOnlyTypes = new(Find);

    public static void Modify(JsonTypeInfo typeInfo)
    {
        if (typeInfo.Kind == JsonTypeInfoKind.Object && ChannelOnlyTypes.Value.Contains(typeInfo.Type))
        {
            typeInfo.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        }
    }

    /// <summary>The types the Channel API's bodies hold, less those any other endpoint's body holds.</summary>
    internal static HashSet<Type> Find()
    {
        var controllers = typeof(ChannelControllerBase).Assembly.GetTypes().Where(t => typeof(ControllerBase).IsAssignableFrom(t) && !t.IsAbstract).ToList();
        var channel = Reachable(controllers.Where(typeof(ChannelControllerBase).IsAssignableFrom));
        channel.ExceptWith(Reachable(controllers.Where(c => !typeof(ChannelControllerBase).IsAssignableFrom(c))));
        return channel;
    }

    private static HashSet<Type> Reachable(IEnumerable<Type> controllers)
    {
        var found = new HashSet<Type>();
        var pending = new Stack<Type>(controllers
            .SelectMany(c => c.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .SelectMany(m => m.GetParameters())
            .Where(p => p.GetCustomAttributes().All(a => a is not (FromQueryAttribute or FromRouteAttribute or FromFormAttribute or FromHeaderAttribute)))
            .Select(p => p.ParameterType));
        while (pending.TryPop(out var type))
        {
            type = Nullable.GetUnderlyingType(type) ?? type;
            if (ElementOf(type) is { } element)
            {
                pending.Push(element);
            }
            else if (IsOurs(type) && type.IsClass && found.Add(type))
            {
                foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
                {
                    pending.Push(property.PropertyType);
                }
            }
        }

        return found;
    }

    private static Type? ElementOf(Type type) => type == typeof(string) ? null
        : type.IsArray ? type.GetElementType()
        : type.GetInterfaces().Append(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0];

    private static bool IsOurs(Type type) => type.Namespace?.StartsWith("ChannelBridge.", StringComparison.Ordinal) == true;
}
