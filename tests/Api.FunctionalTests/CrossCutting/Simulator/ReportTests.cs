using ChannelBridge.LinnworksSimulator.Simulation;

namespace ChannelBridge.Api.FunctionalTests.CrossCutting.Simulator;

/// <summary>The simulator's report counts every check, keeps the failures' reasons, and formats a reason only for a failure.</summary>
public class ReportTests
{
    [Fact]
    public void APassedCheck_IsCounted_AndItsDetailIsNeverFormatted()
    {
        var report = new Report();
        var formatted = 0;
        string Detail()
        {
            formatted++;
            return "why";
        }

        report.Check("Orders", "a", true, $"detail {Detail()}");
        report.Check("Orders", "a", true, $"detail {Detail()}");
        report.Check("Orders", "a", false, $"detail {Detail()}");
        report.Check("Products", "b", false, "plain");

        formatted.Should().Be(1, "only the failed check's detail is formatted");
        report.CheckCount.Should().Be(4);
        report.Failed.Should().Be(2);
        report.Failures.Select(f => (f.Endpoint, f.Check, f.Detail)).Should().Equal(("Orders", "a", "detail why"), ("Products", "b", "plain"));
        report.Tallies.Should().ContainEquivalentOf(new CheckTally("Orders", "a", 2, 1));
        report.ToText().Should().Contain("FAIL: 2 of 4 checks failed.").And.Contain("Orders: a").And.Contain("detail why");
        report.ToDocument().Checks.Should().Be(4);
    }
}
