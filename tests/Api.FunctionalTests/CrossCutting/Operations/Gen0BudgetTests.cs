using ChannelBridge.Api.Infrastructure;
using ChannelBridge.Tests;

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
        using var directory = new TemporaryDirectory("channelbridge-gc");
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__ChannelBridge"] = $"Data Source={directory.File("x.db")}",
            ["ChannelApi__OperatorKey"] = "gen0-budget-operator-key-0123456789abcdef",
            ["DataProtection__KeyRingKey"] = "gen0-budget-key-ring-key-0123456789abcdef",
        };
        if (gen0size is not null)
        {
            environment["DOTNET_GCgen0size"] = gen0size;
        }

        await using var service = await ServiceProcess.StartAsync(directory.Path, environment);

        service.StartLines.Any(l => l.Contains(Advice, StringComparison.Ordinal)).Should().Be(advised);
        service.StartLines[^1].Should().Contain("ChannelBridge is ready", "the advice comes before the ready line");
    }

    [Fact]
    public void TheBudgetIsReadFromTheCollectorsOwnConfiguration() =>
        Gen0Budget.CurrentBytes.Should().Be(Convert.ToInt64(GC.GetConfigurationVariables()["GCGen0MaxBudget"], System.Globalization.CultureInfo.InvariantCulture)).And.BePositive();
}
