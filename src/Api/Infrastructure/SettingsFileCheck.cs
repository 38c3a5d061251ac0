namespace ChannelBridge.Api.Infrastructure;

/// <summary>
/// The settings file is read from the content root, which is the working directory the host starts the service in
/// (ASP.NET Core's convention; the container image and the launch profile start it in its own folder). Started from
/// another folder (a systemd unit without a WorkingDirectory, a script running <c>dotnet /opt/channelbridge/ChannelBridge.Api.dll</c>),
/// it runs without the file: the framework logs every request at Information, several lines each, and the operator's
/// edits of the file are not read. It says so at start-up, naming both folders.
/// </summary>
public static class SettingsFileCheck
{
    public const string FileName = "appsettings.json";

    /// <summary>True when the content root has no settings file while the folder the service runs from has one.</summary>
    public static bool IsMissed(string contentRoot, string appDirectory) =>
        !File.Exists(Path.Combine(contentRoot, FileName)) && File.Exists(Path.Combine(appDirectory, FileName));

    public static void Report(IHostEnvironment environment, ILogger logger) => Report(environment.ContentRootPath, AppContext.BaseDirectory, logger);

    public static void Report(string contentRoot, string appDirectory, ILogger logger)
    {
        if (IsMissed(contentRoot, appDirectory))
        {
            logger.LogWarning(
                "{File} was not found in the content root {ContentRoot} (the working directory the service was started in), so the service runs without it; start it in {AppDirectory}, or pass that folder as --contentRoot",
                FileName, contentRoot, appDirectory);
        }
    }
}
