using ChannelBridge.Api.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;

namespace ChannelBridge.Api.FunctionalTests.CrossCutting.Limits;

internal static class ApiSettingsAtStart
{
    /// <summary>Reads <see cref="ApiOptions"/> from these settings alone, as the service does at start-up: throws what start-up would refuse.</summary>
    public static void Read(IDictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddApi(configuration, new HostingEnvironment { EnvironmentName = "Development" });
        using var provider = services.BuildServiceProvider();
        _ = provider.GetRequiredService<IOptions<ApiOptions>>().Value;
    }
}
