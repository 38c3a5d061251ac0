using System.Globalization;
using Microsoft.AspNetCore.Hosting;

namespace ChannelBridge.Api.FunctionalTests.CrossCutting.Framing;

public sealed class ServerTimingFactory : ApiFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Api:ServerTiming", "true");
    }
}

/// <summary>Api:ServerTiming: the service's own share of a latency, for load tests; off unless the operator turns it on.</summary>
public class ServerTimingTests(ApiFactory plain, ServerTimingFactory timed) : IClassFixture<ApiFactory>, IClassFixture<ServerTimingFactory>
{
    [Fact]
    public async Task WhenOn_EveryAnswer_SaysHowLongTheServiceTook_FromArrival_AndHowMuchOfItWasBeforeItsTurn()
    {
        var (token, _, _) = await timed.Integrate();
        var client = timed.Client();

        foreach (var (response, _) in new[]
        {
            await client.PostJson("/api/Order/Orders", new { AuthorizationToken = token, UTCTimeFrom = "2020-01-01T00:00:00Z", PageNumber = 1 }),
            await client.PostJson("/api/Config/ConfigTest", new { AuthorizationToken = "unknown" }),
        })
        {
            var header = response.Headers.GetValues("Server-Timing").Single();
            var timing = System.Text.RegularExpressions.Regex.Match(header, @"^app;dur=([0-9]+\.[0-9]), turn;dur=([0-9]+\.[0-9])$");
            timing.Success.Should().BeTrue($"'{header}' sends the whole and the part before the turn");
            var (whole, beforeTurn) = (double.Parse(timing.Groups[1].Value, CultureInfo.InvariantCulture), double.Parse(timing.Groups[2].Value, CultureInfo.InvariantCulture));
            whole.Should().BeInRange(0, 10_000);
            beforeTurn.Should().BeInRange(0, whole, "the wait for a turn is part of the whole");
        }
    }

    [Fact]
    public async Task ByDefault_NoAnswerCarriesIt()
    {
        var (response, _) = await plain.Client().PostJson("/api/Config/ConfigTest", new { AuthorizationToken = "unknown" });

        response.Headers.Contains("Server-Timing").Should().BeFalse();
    }
}
