using System.Diagnostics;

namespace ChannelBridge.Api.FunctionalTests.Features.Clients;

/// <summary>The generated TypeScript client type-checks with tsc (strict), where Node.js and npm are installed.</summary>
public class TypeScriptClientTests(Xunit.Abstractions.ITestOutputHelper output)
{
    [SkippableFact]
    public async Task TheTypeScriptClient_TypeChecks()
    {
        Skip.IfNot(OnPath("node") && OnPath("npm"), "Node.js and npm are needed to type-check the TypeScript client; they are not installed here");
        var source = Path.Combine(ChannelBridge.Tests.RepositoryRoot.Path, "clients", "typescript");
        var work = Path.Combine(Path.GetTempPath(), $"channelbridge-ts-{Guid.NewGuid():N}");
        Directory.CreateDirectory(work);
        try
        {
            foreach (var file in new[] { "channelbridge-client.ts", "package.json", "tsconfig.json" })
            {
                File.Copy(Path.Combine(source, file), Path.Combine(work, file));
            }

            // The TypeScript version package.json pins; no lock file is written (it would record download addresses).
            (await Run("npm", "install --no-package-lock --no-audit --no-fund --loglevel=error", work)).Should().Be(0, "npm installs the pinned TypeScript");
            (await Run("npx", "--no-install tsc --noEmit -p .", work)).Should().Be(0, "the generated client type-checks in strict mode");
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private async Task<int> Run(string program, string arguments, string directory)
    {
        var start = new ProcessStartInfo(program, arguments) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        output.WriteLine($"{program} {arguments}: exit {process.ExitCode}\n{await stdout}\n{await stderr}");
        return process.ExitCode;
    }

    private static bool OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator).Any(d => File.Exists(Path.Combine(d, program)));
}
