namespace ChannelBridge.Tests;

/// <summary>The repository's root (where ChannelBridge.slnx is), found from the test's output folder.</summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "ChannelBridge.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("ChannelBridge.slnx not found above " + AppContext.BaseDirectory);
    }
}
