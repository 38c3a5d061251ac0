using ChannelBridge.Tests;

namespace ChannelBridge.Api.FunctionalTests.CrossCutting.Operations;

/// <summary>
/// The configuration files are polled, not watched (ADR-019): the framework's file watcher covers the whole content
/// root, where the default SQLite file lives, and handled an event for every page SQLite wrote.
/// </summary>
public class ConfigurationFilesTests
{
    private const string OperatorKey = "configuration-files-operator-key-0123456789abcdef";
    private const string KeyRingKey = "configuration-files-key-ring-key-0123456789abcdef";

    [Fact]
    public async Task TheServiceWatchesNoDirectory_AndStillReloadsAChangedSettingsFile()
    {
        using var directory = new TemporaryDirectory("channelbridge-cf");
        var settings = directory.File("appsettings.Production.json");
        await File.WriteAllTextAsync(settings, LogLevelOfHosting("Warning"));

        // The default connection string: the database in the working directory, which is the content root.
        await using var service = await ServiceProcess.StartAsync(directory.Path, new Dictionary<string, string>
        {
            ["ConnectionStrings__ChannelBridge"] = "Data Source=channelbridge.db",
            ["ChannelApi__OperatorKey"] = OperatorKey,
            ["DataProtection__KeyRingKey"] = KeyRingKey,
        });
        File.Exists(directory.File("channelbridge.db")).Should().BeTrue();
        if (OperatingSystem.IsLinux())
        {
            var descriptors = Directory.GetFiles($"/proc/{service.Id}/fd").Select(f => new FileInfo(f).LinkTarget ?? string.Empty);
            descriptors.Should().NotContain(d => d.Contains("inotify", StringComparison.Ordinal), "nothing watches the content root the database writes into");
        }

        (await service.Client.GetAsync("/health")).EnsureSuccessStatusCode();
        service.Output.Should().NotContain(l => l.Contains("Request starting", StringComparison.Ordinal), "the settings file as first written holds that category to warnings");
        await File.WriteAllTextAsync(settings, LogLevelOfHosting("Information"));

        // Polled every 4 seconds: once the change is read, a request logs its start.
        var logged = await Eventually.Value(
            async () =>
            {
                (await service.Client.GetAsync("/health")).EnsureSuccessStatusCode();
                return service.Output.Any(l => l.Contains("Request starting", StringComparison.Ordinal));
            },
            seen => seen,
            "the changed settings file is read again while the service runs",
            TimeSpan.FromSeconds(20));
        logged.Should().BeTrue();
    }

    private static string LogLevelOfHosting(string level) =>
        $$"""{ "Logging": { "LogLevel": { "Default": "Information", "Microsoft.AspNetCore.Hosting.Diagnostics": "{{level}}" } } }""";
}
