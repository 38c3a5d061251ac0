namespace ChannelBridge.Api.FunctionalTests.Features.Clients;

/// <summary>
/// The committed clients are what the service's OpenAPI document makes today: a change to the Channel API that is not
/// regenerated fails here. <c>./build.sh --target=Clients</c> regenerates them (it runs this test with
/// CHANNELBRIDGE_WRITE_CLIENTS=1, which writes instead of comparing).
/// </summary>
public class GeneratedClientsTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task TheCommittedClients_AreWhatTheOpenApiDocumentMakes()
    {
        var json = await factory.Client().GetStringAsync("/swagger/v1/swagger.json");
        var (csharp, typescript) = await ChannelClientGenerator.GenerateAsync(json);
        var root = ChannelBridge.Tests.RepositoryRoot.Path;
        var files = new[] { (ChannelClientGenerator.CSharpPath, csharp), (ChannelClientGenerator.TypeScriptPath, typescript) };

        if (Environment.GetEnvironmentVariable("CHANNELBRIDGE_WRITE_CLIENTS") == "1")
        {
            foreach (var (path, code) in files)
            {
                await File.WriteAllTextAsync(Path.Combine(root, path), code);
            }

            return;
        }

        foreach (var (path, code) in files)
        {
            var committed = File.Exists(Path.Combine(root, path)) ? (await File.ReadAllTextAsync(Path.Combine(root, path))).Replace("\r\n", "\n", StringComparison.Ordinal) : "(missing)";
            committed.Should().Be(code, $"{path} must be regenerated after a Channel API change: ./build.sh --target=Clients");
        }
    }
}
