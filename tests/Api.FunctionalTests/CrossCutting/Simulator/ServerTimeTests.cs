using ChannelBridge.LinnworksSimulator.Simulation;

namespace ChannelBridge.Api.FunctionalTests.CrossCutting.Simulator;

/// <summary>The simulator reads the service's own time, and the part of it before the turn, from a W3C Server-Timing header, whatever else the header holds.</summary>
public class ServerTimeTests
{
    [Theory]
    [InlineData("app;dur=12.5", 12.5)]
    [InlineData("db;dur=3, app;desc=\"answer\";dur=7", 7.0)]
    [InlineData("app;dur=-1", null)]
    [InlineData("app;dur=soon", null)]
    [InlineData("cache;dur=2", null)]
    [InlineData(null, null)]
    public void TheAppEntry_IsTheServicesTime(string? header, double? expected)
    {
        using var response = new HttpResponseMessage();
        if (header is not null)
        {
            response.Headers.TryAddWithoutValidation("Server-Timing", header);
        }

        LinnworksClient.ServerTime(response).Should().Be(expected);
    }

    [Theory]
    [InlineData("app;dur=12.5, turn;dur=3.0", 3.0)]
    [InlineData("turn;dur=0.4,app;dur=9.1", 0.4)]
    [InlineData("app;dur=12.5", null)]
    [InlineData(null, null)]
    public void TheTurnEntry_IsThePartBeforeTheTurn(string? header, double? expected)
    {
        using var response = new HttpResponseMessage();
        if (header is not null)
        {
            response.Headers.TryAddWithoutValidation("Server-Timing", header);
        }

        LinnworksClient.ServerTiming(response, "turn").Should().Be(expected);
    }
}
