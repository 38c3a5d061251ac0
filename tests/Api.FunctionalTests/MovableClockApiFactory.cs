using ChannelBridge.Tests;
using Microsoft.Extensions.DependencyInjection;

namespace ChannelBridge.Api.FunctionalTests;

/// <summary>A service whose clock is real time plus whatever a test moves it on by: expiries and retentions pass without sleeping.</summary>
public abstract class MovableClockApiFactory : ApiFactory
{
    public MovableClock Clock { get; } = new();

    protected override void ReplaceServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(Clock);
}
