using ChannelBridge.Api.FunctionalTests.CrossCutting.Operations;
using ChannelBridge.Tests;

namespace ChannelBridge.Api.FunctionalTests.CrossCutting.Limits;

/// <summary>
/// The service as an operator runs it, a process of its own on a fresh SQLite file, with the limits a test class sets
/// (<paramref name="limits"/>, environment variables): the in-memory test server hands the app a body only once it has
/// it all, so limits on bodies as they arrive are tested here.
/// </summary>
public abstract class LimitedService(string name, string operatorKey, IReadOnlyDictionary<string, string> limits) : IAsyncLifetime
{
    private readonly TemporaryDirectory _directory = new("channelbridge-" + name);

    internal ServiceProcess Service { get; private set; } = null!;

    public async Task InitializeAsync() =>
        Service = await ServiceProcess.StartAsync(_directory.Path, new Dictionary<string, string>(limits)
        {
            ["ChannelApi__OperatorKey"] = operatorKey,
            ["DataProtection__KeyRingKey"] = name + "-tests-key-ring-key-0123456789abcdef",
            ["ConnectionStrings__ChannelBridge"] = $"Data Source={Path.Combine(_directory.Path, "cb.db")}",
        });

    public async Task DisposeAsync()
    {
        await Service.DisposeAsync();
        _directory.Dispose();
    }
}
