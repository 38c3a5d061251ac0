using System.Diagnostics;
using ChannelBridge.Tests;

namespace ChannelBridge.Api.FunctionalTests.CrossCutting.Operations;

/// <summary>
/// A misconfigured start, as an operator meets it: the real process exits with code 1 within seconds and prints one
/// line that names the setting — no stack trace, no abort, no database file left behind. A healthy start ends with
/// the line an operator waits for.
/// </summary>
public class StartupTests
{
    private const string GoodOperatorKey = "functional-tests-operator-key-0123456789abcdef";
    private const string GoodKeyRingKey = "functional-tests-key-ring-key-0123456789abcdef";

    public static TheoryData<string, string, string, string, string> Misconfigurations => new()
    {
        { "Sqlite", "", "", GoodKeyRingKey, "ChannelApi:OperatorKey" },
        { "Sqlite", "", "too-short", GoodKeyRingKey, "ChannelApi:OperatorKey must be at least 32 characters" },
        { "Sqlite", "", GoodOperatorKey, "short", "DataProtection:KeyRingKey must be at least 32 characters" },
        { "Oracle", "", GoodOperatorKey, GoodKeyRingKey, "Database:Provider is not one of Sqlite, SqlServer" },
        { "SqlServer", "Server=127.0.0.1,1;Database=ChannelBridge;User ID=sa;Password=x;Encrypt=False", GoodOperatorKey, GoodKeyRingKey, "ConnectionStrings:ChannelBridge" },
    };

    [Theory]
    [MemberData(nameof(Misconfigurations))]
    public async Task AMisconfiguredStart_ExitsWithCode1_AndOneLineNamingTheSetting(string provider, string connectionString, string operatorKey, string keyRingKey, string expected)
    {
        using var directory = new TemporaryDirectory("channelbridge-st");
        var start = Operations.ServiceProcess.StartInfo(directory.Path, new Dictionary<string, string>
        {
            ["Database__Provider"] = provider,
            ["ConnectionStrings__ChannelBridge"] = provider == "SqlServer" ? connectionString : $"Data Source={directory.File("x.db")}",
            ["ChannelApi__OperatorKey"] = operatorKey,
            ["DataProtection__KeyRingKey"] = keyRingKey,
        });
        var clock = Stopwatch.StartNew();

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);

        process.ExitCode.Should().Be(1);
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(30), "a bad setting fails in seconds");
        var lines = (await stderr).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().ContainSingle(l => l.StartsWith("ChannelBridge cannot start: ", StringComparison.Ordinal)).Which.Should().Contain(expected);
        (await stderr + await stdout).Should().NotContain("   at ", "no stack trace");
        Directory.GetFileSystemEntries(directory.Path).Should().BeEmpty("every setting is checked before the database is opened: no file is created");
        (await stdout).Should().NotContain("migration", "no migration runs on a misconfigured start");
    }

    [Fact]
    public async Task AHealthyStart_MigratesThenPrintsTheReadyLineLast()
    {
        using var directory = new TemporaryDirectory("channelbridge-st");
        await using var service = await Operations.ServiceProcess.StartAsync(directory.Path, new Dictionary<string, string>
        {
            ["ConnectionStrings__ChannelBridge"] = $"Data Source={directory.File("x.db")}",
            ["ChannelApi__OperatorKey"] = GoodOperatorKey,
            ["DataProtection__KeyRingKey"] = GoodKeyRingKey,
        });

        service.StartLines.Should().Contain(l => l.Contains("Applied Sqlite migration", StringComparison.Ordinal));
        service.StartLines.Should().Contain(l => l.Contains("Applied SqlitePaging migration", StringComparison.Ordinal), "the paging state's own file (ADR-021)");
        service.StartLines.Should().Contain(l => l.Contains("Application started", StringComparison.Ordinal));
        service.StartLines[^1].Should().Contain("ChannelBridge is ready: listening on http://127.0.0.1:", "the ready line comes after the host's own start lines");
        service.StartLines.Should().Contain(
            l => l.Contains("appsettings.json was not found in the content root", StringComparison.Ordinal),
            "it was started in a folder of its own, without its settings file, as a host without a working directory starts it");
        foreach (var line in service.StartLines.Where(l => l.StartsWith('{')))
        {
            FluentActions.Invoking(() => System.Text.Json.JsonDocument.Parse(line, new System.Text.Json.JsonDocumentOptions { AllowDuplicateProperties = false }).Dispose())
                .Should().NotThrow($"a log line is JSON a collector reads, each property once: {line}");
        }
        File.Exists(directory.File("x.db")).Should().BeTrue();
        File.Exists(directory.File("x.paging.db")).Should().BeTrue();
        await service.KillAsync();
    }
}
