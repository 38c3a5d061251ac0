using System.Net;
using Microsoft.AspNetCore.Hosting;

namespace ChannelBridge.Api.FunctionalTests.CrossCutting.Security;

public sealed class ProductionFactory : ApiFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseEnvironment("Production");
    }
}

public sealed class ProductionWithOpenApiFactory : ApiFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseEnvironment("Production");
        builder.UseSetting("Api:ExposeOpenApi", "true");
    }
}

public class ProductionSurfaceTests(ProductionFactory production, ProductionWithOpenApiFactory exposed)
    : IClassFixture<ProductionFactory>, IClassFixture<ProductionWithOpenApiFactory>
{
    [Fact]
    public async Task OpenApi_IsOffInProduction_UnlessTheOperatorExposesIt()
    {
        (await production.Client().GetAsync("/swagger/v1/swagger.json")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await production.Client().GetAsync("/swagger")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await exposed.Client().GetAsync("/swagger/v1/swagger.json")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Answers_CarryNoServerOrFrameworkDetails()
    {
        var client = production.Client();
        foreach (var response in new[] { await client.GetAsync("/health"), await client.PostAsJsonAsync("/api/Config/ConfigTest", new { }), await client.GetAsync("/api/channel/v1/stores/x") })
        {
            response.Headers.Server.Should().BeEmpty();
            response.Headers.Should().NotContain(h => h.Key.StartsWith("X-Powered", StringComparison.OrdinalIgnoreCase) || h.Key.StartsWith("X-AspNet", StringComparison.OrdinalIgnoreCase));
            (await response.Content.ReadAsStringAsync()).Should().NotContainAny("Kestrel", "Microsoft.AspNetCore", "at ChannelBridge");
        }
    }
}

/// <summary>No key material is committed: a file that holds a private key or a Data Protection master key fails the build.</summary>
public class RepositoryKeyMaterialTests
{
    [Fact]
    public void TheRepository_HoldsNoKeyFiles()
    {
        var root = ChannelBridge.Tests.RepositoryRoot.Path;

        var skipped = new[] { "artifacts", "bin", "obj", ".git", "TestResults", "tools" + Path.DirectorySeparatorChar + "cache" };
        var offenders = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Where(f => !skipped.Any(s => Path.GetRelativePath(root, f).Split(Path.DirectorySeparatorChar).Contains(s) || Path.GetRelativePath(root, f).StartsWith(s, StringComparison.Ordinal)))
            .Where(f => new[] { ".pfx", ".p12", ".pem", ".key", ".snk" }.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase) || LooksLikeKey(f))
            .Select(f => Path.GetRelativePath(root, f))
            .ToList();

        offenders.Should().BeEmpty("key material must come from a secret store, never the repository");
    }

    private static bool LooksLikeKey(string file)
    {
        if (new FileInfo(file).Length > 512 * 1024 || Path.GetExtension(file) is ".cs" or ".md")
        {
            return false;
        }

        var text = File.ReadAllText(file);
        return text.Contains("-----BEGIN", StringComparison.Ordinal) && text.Contains("PRIVATE KEY-----", StringComparison.Ordinal)
            || (text.Contains("<masterKey", StringComparison.Ordinal) && text.Contains("<value>", StringComparison.Ordinal));
    }
}
