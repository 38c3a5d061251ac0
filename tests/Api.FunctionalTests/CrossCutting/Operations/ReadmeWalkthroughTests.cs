using System.Diagnostics;
using System.Text.RegularExpressions;

namespace ChannelBridge.Api.FunctionalTests.CrossCutting.Operations;

/// <summary>The README's curl walkthrough, exactly as written, against the running service (bash and curl).</summary>
public partial class ReadmeWalkthroughTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [SkippableFact]
    public async Task TheCurlWalkthrough_WorksAsPasted()
    {
        Skip.IfNot(OnPath("bash") && OnPath("curl"), "bash and curl are needed to run the README's walkthrough as a reader would");
        var readme = await File.ReadAllTextAsync(Path.Combine(ChannelBridge.Tests.RepositoryRoot.Path, "README.md"));
        var section = readme[readme.IndexOf("## Try it with curl", StringComparison.Ordinal)..];
        var script = BashBlock().Match(section).Groups["script"].Value;
        script.Should().Contain("B=http://localhost:5080").And.Contain("dev-operator-key-change-me");
        var baseUrl = factory.Client().BaseAddress!.ToString().TrimEnd('/');
        script = script.Replace("B=http://localhost:5080", $"B={baseUrl}", StringComparison.Ordinal)
            .Replace("dev-operator-key-change-me", ApiFactory.OperatorKey, StringComparison.Ordinal);

        var start = new ProcessStartInfo("bash") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-euo");
        start.ArgumentList.Add("pipefail");
        using var bash = Process.Start(start)!;
        await bash.StandardInput.WriteAsync(script);
        bash.StandardInput.Close();
        var output = await bash.StandardOutput.ReadToEndAsync();
        var errors = await bash.StandardError.ReadToEndAsync();
        await bash.WaitForExitAsync();

        bash.ExitCode.Should().Be(0, errors);
        output.Should().Contain("\"StepName\":\"ConnectStore\"").And.Contain("{\"Error\":null}").And.Contain("\"ReferenceNumber\":\"100045\"");
        output.Should().Contain("\"Status\":\"Updated\"").And.Contain("\"PaymentStatus\":\"PAID\"", "the order pushed unpaid is downloaded paid");
        output.Should().Contain("\"Type\":\"Despatch\"").And.Contain("\"Type\":\"Inventory\"").And.Contain("\"AcknowledgedCursor\":2");
        output.Should().NotContain("\"Error\":\"", "no call of the walkthrough fails");
    }

    [GeneratedRegex("```bash\\n(?<script>.*?)```", RegexOptions.Singleline)]
    private static partial Regex BashBlock();

    private static bool OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator).Any(d => File.Exists(Path.Combine(d, program)));
}
