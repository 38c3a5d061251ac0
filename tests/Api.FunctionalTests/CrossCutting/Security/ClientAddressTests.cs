using System.Net;
using ChannelBridge.Api.Infrastructure;
using ChannelBridge.Application.Common;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace ChannelBridge.Api.FunctionalTests.CrossCutting.Security;

/// <summary>The address limits and log lines count a caller by: an IPv6 host is its /64, which it can pick any address in.</summary>
public class ClientAddressTests
{
    [Theory]
    [InlineData("203.0.113.7", "203.0.113.7")]
    [InlineData("::ffff:203.0.113.7", "203.0.113.7")]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:3::1", "2001:db8:1:3::/64")]
    [InlineData("fe80::1%3", "fe80::/64")]
    public void AnAddress_IsCountedAsItsHostsBlock(string address, string counted)
    {
        ClientAddress.Of(IPAddress.Parse(address)).Should().Be(counted);
    }

    [Fact]
    public void NoAddress_IsNoCaller()
    {
        ClientAddress.Of((IPAddress?)null).Should().BeNull();
        ClientAddress.Of(new DefaultHttpContext()).Should().BeNull();
    }

    [Fact]
    public void FailuresFromEveryAddressOfOneIpv6Block_CountTogether()
    {
        // A host that steps through its /64 for each attempt is still one caller past the limit of failures.
        using var failures = new FailedAuthentications(Options.Create(new RateLimitOptions { FailedAuthPerAddressPerMinute = 3 }), new OncePerMinuteLogLines());
        string? From(int host)
        {
            var context = new DefaultHttpContext();
            context.Connection.RemoteIpAddress = IPAddress.Parse($"2001:db8:7:9::{host:x}");
            return ClientAddress.Of(context);
        }

        Enumerable.Range(1, 3).Select(host => failures.Fail(From(host))).Should().OnlyContain(wait => wait == null);
        failures.Fail(From(4)).Should().NotBeNull("the fourth failure of the block is past its limit, whatever address it came from");
        failures.Fail("2001:db8:7:a::/64").Should().BeNull("the next block is another host");
    }
}
