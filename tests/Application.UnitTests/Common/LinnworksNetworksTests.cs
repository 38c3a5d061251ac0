using System.Net;
using ChannelBridge.Application.Common;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChannelBridge.Application.UnitTests.Common;

/// <summary><c>RateLimits:LinnworksNetworks</c> takes networks and addresses; anything else stops the service at start.</summary>
public class LinnworksNetworksTests
{
    [Theory]
    [InlineData("203.0.113.0/28")]
    [InlineData("203.0.113.7/28")]   // the /28 it lies in
    [InlineData("203.0.113.7")]
    [InlineData("2001:db8::/32")]
    [InlineData(" 2001:db8::1 ")]
    public void NetworksAndAddresses_AreTaken(string entry)
    {
        using var services = new TestServices(new() { ["RateLimits:LinnworksNetworks:0"] = entry });

        services.Provider.GetRequiredService<IOptions<RateLimitOptions>>().Value.LinnworksNetworks.Should().ContainSingle();
    }

    [Theory]
    [InlineData("api.linnworks.net")]
    [InlineData("203.0.113.0/33")]
    [InlineData(" ")]
    public void AnythingElse_StopsTheServiceAtStart_NamingTheEntry(string entry)
    {
        using var services = new TestServices(new() { ["RateLimits:LinnworksNetworks:0"] = "203.0.113.0/28", ["RateLimits:LinnworksNetworks:1"] = entry });

        var read = () => services.Provider.GetRequiredService<IOptions<RateLimitOptions>>().Value;

        read.Should().Throw<OptionsValidationException>().WithMessage($"*'{entry}' in RateLimits:LinnworksNetworks is not a network*");
    }

    [Fact]
    public void AnIPv6AddressOrNarrowNetwork_IsTakenAsItsSlash64_AsIPv6CallersAreCounted()
    {
        NetworksAttribute.TryParse("2001:db8:1:2::5", out var network).Should().BeTrue();

        network.Should().Be(IPNetwork.Parse("2001:db8:1:2::/64"));
    }
}
