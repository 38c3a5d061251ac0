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
    public async Task WhenOn_EveryAnswer_SaysHowLongTheServiceTook_FromArrival()
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
            header.Should().MatchRegex(@"^app;dur=[0-9]+\.[0-9]$");
            double.Parse(header["app;dur=".Length..], CultureInfo.InvariantCulture).Should().BeInRange(0, 10_000);
        }
    }

    [Fact]
    public async Task ByDefault_NoAnswerCarriesIt()
    {
        var (response, _) = await plain.Client().PostJson("/api/Config/ConfigTest", new { AuthorizationToken = "unknown" });

        response.Headers.Contains("Server-Timing").Should().BeFalse();
    }
}
