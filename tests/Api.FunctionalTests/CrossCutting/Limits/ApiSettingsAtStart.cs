using ChannelBridge.Api.Infrastructure;
using ChannelBridge.Infrastructure.Persistence;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;

namespace ChannelBridge.Api.FunctionalTests.CrossCutting.Limits;

internal static class ApiSettingsAtStart
{
    /// <summary>
    /// Reads <see cref="ApiOptions"/> from these settings alone, as the service does at start-up (its database's provider
    /// from <c>Database:Provider</c>): throws what start-up would refuse.
    /// </summary>
    public static ApiOptions Read(IDictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddOptions<DatabaseOptions>().Bind(configuration.GetSection(DatabaseOptions.SectionName));
        services.AddApi(configuration, new HostingEnvironment { EnvironmentName = "Development" });
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<ApiOptions>>().Value;
    }
}
