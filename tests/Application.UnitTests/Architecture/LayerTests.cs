using ChannelBridge.Application.Common.Linnworks;
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
    public void Application_DoesNotUseADONet()
    {
        // System.Data.Common is ADO.NET itself (DbConnection, DbException): a transient or unique-key failure is
        // recognised in Infrastructure and reaches Application through ITransientFailures or a domain exception.
        var references = typeof(LinnworksResponse).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        references.Should().NotContain(["System.Data.Common", "System.Data"]);
    }

    [Fact]
    public void Application_HandlersAndValidatorsAreInternal_InEveryFeature()
    {
        var types = typeof(LinnworksResponse).Assembly.GetTypes().Where(t => !t.IsAbstract && !t.IsInterface).ToList();
        var handlers = types.Where(t => t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(MediatR.IRequestHandler<,>))).ToList();
        var validators = types.Where(t => t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(FluentValidation.IValidator<>))).ToList();

        handlers.Should().HaveCountGreaterThan(30);
        validators.Should().HaveCountGreaterThan(10);
        handlers.Concat(validators).Where(t => t.IsPublic || t.IsNestedPublic).Select(t => t.FullName).Should().BeEmpty();
        handlers.Select(t => t.Namespace!.Split('.')[2]).Distinct().Should().Contain(["Config", "Orders", "Listings", "Stores", "OAuth"]);
    }
}
