using ChannelBridge.Api.Infrastructure;

namespace ChannelBridge.Api.FunctionalTests.CrossCutting.Operations;

/// <summary>The service says at start-up when the garbage collector's gen0 budget is below what ingest needs (ADR-020).</summary>
public class Gen0BudgetTests
{
    private const string Advice = "DOTNET_GCgen0size=0x2000000";

    [Theory]
    [InlineData(null, true)]
    [InlineData("0x2000000", false)]
    [InlineData("0x4000000", false)]
    public async Task TheStartSaysHowToRaiseABudgetBelow32MiB(string? gen0size, bool advised)
    {
        var directory = Path.Combine(Path.GetTempPath(), $"channelbridge-gc-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        try
        {
            var environment = new Dictionary<string, string>
            {
                ["ConnectionStrings__ChannelBridge"] = $"Data Source={Path.Combine(directory, "x.db")}",
                ["ChannelApi__OperatorKey"] = "gen0-budget-operator-key-0123456789abcdef",
                ["DataProtection__KeyRingKey"] = "gen0-budget-key-ring-key-0123456789abcdef",
            };
            if (gen0size is not null)
            {
                environment["DOTNET_GCgen0size"] = gen0size;
            }

            await using var service = await ServiceProcess.StartAsync(directory, environment);

            service.StartLines.Any(l => l.Contains(Advice, StringComparison.Ordinal)).Should().Be(advised);
            service.StartLines[^1].Should().Contain("ChannelBridge is ready", "the advice comes before the ready line");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void TheBudgetIsReadFromTheCollectorsOwnConfiguration() =>
        Gen0Budget.CurrentBytes.Should().Be(Convert.ToInt64(GC.GetConfigurationVariables()["GCGen0MaxBudget"], System.Globalization.CultureInfo.InvariantCulture)).And.BePositive();
}
