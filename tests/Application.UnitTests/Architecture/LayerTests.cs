using ChannelBridge.Application.Common.Contracts;
using ChannelBridge.Domain.Common;

namespace ChannelBridge.Application.UnitTests.Architecture;

public class LayerTests
{
    private static readonly string[] DatabaseAssemblies = ["Dapper", "Microsoft.Data.SqlClient", "Microsoft.Data.Sqlite", "System.Data.SqlClient", "dbup-core", "DbUp"];

    [Fact]
    public void Domain_ReferencesOnlyTheBaseClassLibrary()
    {
        var references = typeof(Result).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        references.Should().OnlyContain(n => n == "System.Runtime" || n.StartsWith("System.", StringComparison.Ordinal) || n == "netstandard",
            "the domain must not depend on any framework or package");
    }

    [Fact]
    public void Application_DoesNotReferenceInfrastructureOrADatabase()
    {
        var references = typeof(LinnworksResponse).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        references.Should().NotContain(n => n.Contains("Infrastructure", StringComparison.Ordinal) || n.Contains("ChannelBridge.Api", StringComparison.Ordinal));
        references.Should().NotContain(n => DatabaseAssemblies.Any(d => n.StartsWith(d, StringComparison.OrdinalIgnoreCase)));
        references.Should().NotContain(n => n.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal));
    }

    [Fact]
    public void Application_HandlersAreInternal()
    {
        var handlers = typeof(LinnworksResponse).Assembly.GetTypes()
            .Where(t => t.Name.EndsWith("Handler", StringComparison.Ordinal) && !t.IsAbstract && t.Namespace!.Contains(".Config.", StringComparison.Ordinal) | t.Namespace!.Contains(".Stores.", StringComparison.Ordinal));

        handlers.Should().NotBeEmpty().And.OnlyContain(t => !t.IsPublic && !t.IsNestedPublic);
    }
}
