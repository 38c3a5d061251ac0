using ChannelBridge.Infrastructure.Persistence;

namespace ChannelBridge.Infrastructure.IntegrationTests.Architecture;

/// <summary>Infrastructure takes Data Protection from ASP.NET Core and nothing else of it (no shared framework, no HTTP).</summary>
public class FrameworkDependencyTests
{
    [Fact]
    public void Infrastructure_UsesOnlyDataProtection_FromAspNetCore()
    {
        var aspNetCore = typeof(DbConnectionFactory).Assembly.GetReferencedAssemblies()
            .Select(a => a.Name!)
            .Where(n => n.StartsWith("Microsoft.AspNetCore.", StringComparison.Ordinal))
            .ToList();

        aspNetCore.Should().NotBeEmpty("the key ring and config secrets use Data Protection");
        aspNetCore.Should().OnlyContain(n => n.StartsWith("Microsoft.AspNetCore.DataProtection", StringComparison.Ordinal) || n == "Microsoft.AspNetCore.Cryptography.Internal");
    }
}
