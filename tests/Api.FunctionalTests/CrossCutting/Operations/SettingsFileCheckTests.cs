using ChannelBridge.Api.Infrastructure;
using ChannelBridge.Tests;

namespace ChannelBridge.Api.FunctionalTests.CrossCutting.Operations;

/// <summary>The service says at start-up when it was started where its settings file is not (SettingsFileCheck).</summary>
public class SettingsFileCheckTests
{
    [Theory]
    [InlineData(false, true, true)]
    [InlineData(true, true, false)]
    [InlineData(false, false, false)]
    public void AWarningNamesBothFolders_WhenOnlyTheServicesOwnFolderHasTheFile(bool inContentRoot, bool inAppDirectory, bool warned)
    {
        using var contentRoot = new TemporaryDirectory("channelbridge-cr");
        using var appDirectory = new TemporaryDirectory("channelbridge-app");
        if (inContentRoot)
        {
            File.WriteAllText(contentRoot.File(SettingsFileCheck.FileName), "{}");
        }

        if (inAppDirectory)
        {
            File.WriteAllText(appDirectory.File(SettingsFileCheck.FileName), "{}");
        }

        var logger = new RecordingLogger<SettingsFileCheckTests>();
        SettingsFileCheck.Report(contentRoot.Path, appDirectory.Path, logger);

        var warnings = logger.At(Microsoft.Extensions.Logging.LogLevel.Warning).ToList();
        warnings.Should().HaveCount(warned ? 1 : 0);
        if (warned)
        {
            warnings[0].Should().Contain(contentRoot.Path).And.Contain($"start it in {appDirectory.Path}, or pass that folder as --contentRoot");
        }
    }
}
