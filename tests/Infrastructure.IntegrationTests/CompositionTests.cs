using ChannelBridge.Application.Config.AddNewUser;
using ChannelBridge.Tests;
using MediatR;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ChannelBridge.Infrastructure.IntegrationTests;

/// <summary>Application + Infrastructure without the API (as the benchmark and tools host them) resolve every service.</summary>
public class CompositionTests
{
    [Fact]
    public async Task ApplicationAndInfrastructure_WithoutTheApi_ResolveAndHandleARequest()
    {
        var path = Path.Combine(Path.GetTempPath(), $"channelbridge-comp-{Guid.NewGuid():N}.db");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:ChannelBridge"] = $"Data Source={path}",
            ["ChannelApi:OperatorKey"] = "composition-operator-key-0123456789abcdef",
            ["DataProtection:KeyRingKey"] = "composition-key-ring-key-0123456789abcdef",
        }).Build();
        var services = new ServiceCollection().AddLogging().AddApplication(configuration).AddInfrastructure(configuration);
        try
        {
            await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
            provider.MigrateDatabase();
            await using var scope = provider.CreateAsyncScope();

            var response = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(
                new AddNewUserCommand { LinnworksUniqueIdentifier = Guid.NewGuid().ToString(), Email = "a@b.com", AccountName = "A" });

            response.Error.Should().BeNull();
            provider.AlignClockWithDatabase();
            provider.GetRequiredService<TimeProvider>().Should().BeOfType<Persistence.Clock.DatabaseClock>("every service takes the database's time");
            provider.GetServices<Microsoft.Extensions.Hosting.IHostedService>().Should().Contain(s => s is Persistence.Clock.DatabaseClockSync, "the offset is read again once a minute");
        }
        finally
        {
            SqliteFiles.Delete(path);
        }
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData("false", false)]
    [InlineData("true", true)]
    public async Task DownloadRuns_ArePagedAsSharedByNodes_OnlyWhereSqliteIsSaidToBeSharedByProcesses(string? shared, bool expected)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:ChannelBridge"] = $"Data Source={Path.Combine(Path.GetTempPath(), $"channelbridge-comp-{Guid.NewGuid():N}.db")}",
            ["ChannelApi:OperatorKey"] = "composition-operator-key-0123456789abcdef",
            ["DataProtection:KeyRingKey"] = "composition-key-ring-key-0123456789abcdef",
            ["Database:SqliteSharedByProcesses"] = shared,
        }).Build();
        await using var provider = new ServiceCollection().AddLogging().AddApplication(configuration).AddInfrastructure(configuration).BuildServiceProvider();

        provider.GetRequiredService<Persistence.Queries.SnapshotPager>().OtherNodesServeItsRuns.Should().Be(expected);
    }
}
