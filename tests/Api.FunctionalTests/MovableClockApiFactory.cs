using ChannelBridge.Tests;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace ChannelBridge.Api.FunctionalTests;

/// <summary>A service whose clock is real time plus whatever a test moves it on by: expiries and retentions pass without sleeping.</summary>
public abstract class MovableClockApiFactory : ApiFactory
{
    public MovableClock Clock { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }
}
