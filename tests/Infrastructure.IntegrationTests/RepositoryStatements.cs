using System.Reflection;
using ChannelBridge.Infrastructure.Persistence;

namespace ChannelBridge.Infrastructure.IntegrationTests;

/// <summary>Every SQL statement the repositories declare: the string constants of the infrastructure that begin as one.</summary>
internal static class RepositoryStatements
{
    private static readonly string[] Verbs = ["SELECT", "INSERT", "UPDATE", "DELETE", "FROM"];

    /// <summary>Each statement as declared (dialect markers unrendered), named <c>Type.Field</c>.</summary>
    public static IEnumerable<(string Name, string Sql)> All() =>
        typeof(DatabaseOptions).Assembly.GetTypes()
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static))
            .Where(f => f is { IsLiteral: true } && f.FieldType == typeof(string))
            .Select(f => (Name: $"{f.DeclaringType!.Name}.{f.Name}", Sql: (string)f.GetRawConstantValue()!))
            .Where(s => Verbs.Any(v => s.Sql.TrimStart().StartsWith(v + " ", StringComparison.Ordinal)));
}
