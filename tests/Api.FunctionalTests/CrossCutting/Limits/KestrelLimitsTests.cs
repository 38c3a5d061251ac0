using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChannelBridge.Api.FunctionalTests.CrossCutting.Limits;

public sealed class KestrelLimitsApiFactory : ApiFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Kestrel:Limits:MaxConcurrentConnections"] = "5",
        ["Kestrel:Limits:MaxRequestBodySize"] = "1024",
        ["Api:MaxChannelRequestBytes"] = "2048",
        ["Api:MinRequestBodyBytesPerSecond"] = "4096",
    };
}

/// <summary>
/// Kestrel's limits are taken from its usual keys, so an operator can bound open connections (each may hold a body
/// whole before its turn, ADR-023); the body limit stays Api:MaxChannelRequestBytes, and the minimum body rate is
/// Api:MinRequestBodyBytesPerSecond.
/// </summary>
public class KestrelLimitsTests(KestrelLimitsApiFactory factory) : IClassFixture<KestrelLimitsApiFactory>
{
    [Fact]
    public void KestrelLimits_AreReadFromConfiguration_ButTheBodyLimitIsTheApisOwn()
    {
        var limits = factory.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value.Limits;

        limits.MaxConcurrentConnections.Should().Be(5);
        limits.MaxRequestBodySize.Should().Be(2048);
        limits.MinRequestBodyDataRate!.BytesPerSecond.Should().Be(4096, "bodies held ahead of their turns must keep arriving, on every protocol");
        limits.MinRequestBodyDataRate.GracePeriod.Should().Be(TimeSpan.FromSeconds(5));
    }
}
