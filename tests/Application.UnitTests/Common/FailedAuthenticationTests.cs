using ChannelBridge.Application.Common.Linnworks;
using ChannelBridge.Application.Common.Ports;
using ChannelBridge.Application.Config.AddNewUser;
using ChannelBridge.Application.Config.DeleteConfig;
using ChannelBridge.Application.Config.TestConfig;
using ChannelBridge.Application.OAuth.IssueAccessToken;
using ChannelBridge.Application.Stores.AuthenticateChannelKey;
using ChannelBridge.Domain.Stores;
using Microsoft.Extensions.DependencyInjection;
using NSubstitute;

namespace ChannelBridge.Application.UnitTests.Common;

/// <summary>
/// Everyone shares an address in production (Linnworks' egress, a platform's NAT). Failures from it are counted and,
/// past the limit, answered "too many"; a valid credential from the same address is always served.
/// </summary>
public class FailedAuthenticationTests
{
    private const int Limit = 5;
    private const string SharedAddress = "203.0.113.50";

    [Fact]
    public async Task PastTheLimit_AnUnknownToken_IsAnsweredTooMany_AndAValidOne_IsServed()
    {
        using var services = Services();
        var token = await NewIntegration(services);
        for (var i = 0; i < Limit; i++)
        {
            (await services.SendAsync(new ConfigTestCommand { AuthorizationToken = $"stale-{i}" })).Error.Should().Be(LinnworksErrors.InvalidToken);
        }

        (await services.SendAsync(new ConfigTestCommand { AuthorizationToken = "stale-next" })).Error.Should().StartWith("Too many failed authentication attempts from this address; retry in ");
        for (var i = 0; i < 3; i++)
        {
            (await services.SendAsync(new ConfigTestCommand { AuthorizationToken = token })).Error.Should().NotContain("Too many", "a valid token is never refused for other callers' failures");
        }
    }

    [Fact]
    public async Task ARepeatedUnknownToken_PastTheLimit_CostsNoLookup()
    {
        using var services = Services();
        for (var i = 0; i < Limit + 1; i++)
        {
            await services.SendAsync(new ConfigTestCommand { AuthorizationToken = "the-same-stale-token" });
        }

        var lookups = services.UserConfigs.TokenLookups;
        for (var i = 0; i < 50; i++)
        {
            (await services.SendAsync(new ConfigTestCommand { AuthorizationToken = "the-same-stale-token" })).Error.Should().StartWith("Too many");
        }

        services.UserConfigs.TokenLookups.Should().Be(lookups, "a remembered unknown token from an address past its limit is answered without the database");
    }

    [Fact]
    public async Task WithinTheLimit_EveryTokenIsLookedUp_SoNoCallIsAnsweredFromMemory()
    {
        using var services = Services(failedAuthPerMinute: 1000);
        for (var i = 0; i < 10; i++)
        {
            await services.SendAsync(new ConfigTestCommand { AuthorizationToken = "the-same-stale-token" });
        }

        services.UserConfigs.TokenLookups.Should().Be(10);
    }

    [Fact]
    public async Task ADeletedIntegration_IsNotRemembered_SoConfigDeletedAgainStillSucceeds()
    {
        using var services = Services();
        var token = await NewIntegration(services);
        (await services.SendAsync(new ConfigDeletedCommand { AuthorizationToken = token })).Error.Should().BeNull();
        for (var i = 0; i < Limit + 2; i++)
        {
            (await services.SendAsync(new ConfigTestCommand { AuthorizationToken = token })).Error.Should().NotBeNull();
        }

        (await services.SendAsync(new ConfigDeletedCommand { AuthorizationToken = token })).Error.Should().BeNull("a repeated ConfigDeleted succeeds, whatever the address's count");
    }

    [Fact]
    public async Task ChannelKeys_PastTheLimit_UnknownKeysAreTooMany_WithoutALookup_AndTheStoreKeyIsServed()
    {
        using var services = Services();
        var (store, key) = Store.Create("Shop", DateTime.UtcNow).Value;
        services.Stores.Add(store);
        for (var i = 0; i < Limit; i++)
        {
            var check = await services.SendAsync(new AuthenticateChannelKeyQuery("sk_stale", SharedAddress));
            check.Should().Be(new ChannelKeyCheck(null, null), "within the limit the answer is 401");
        }

        var lookups = services.Stores.KeyLookups;
        var tooMany = await services.SendAsync(new AuthenticateChannelKeyQuery("sk_stale", SharedAddress));
        tooMany.Caller.Should().BeNull();
        tooMany.RetryAfter.Should().BeGreaterThan(TimeSpan.Zero);
        services.Stores.KeyLookups.Should().Be(lookups);

        (await services.SendAsync(new AuthenticateChannelKeyQuery(key, SharedAddress))).Should().Be(new ChannelKeyCheck(ChannelCaller.ForStore(store.Id)));
        (await services.SendAsync(new AuthenticateChannelKeyQuery("operator-key-for-unit-tests-0123456789", SharedAddress))).Caller.Should().Be(ChannelCaller.Operator);
    }

    [Fact]
    public async Task ADisabledStoresKey_IsNotRemembered_ItIsLookedUpEveryTime()
    {
        using var services = Services();
        var (store, key) = Store.Create("Shop", DateTime.UtcNow).Value;
        store.Disable(DateTime.UtcNow);
        services.Stores.Add(store);
        for (var i = 0; i < Limit + 5; i++)
        {
            (await services.SendAsync(new AuthenticateChannelKeyQuery(key, SharedAddress))).Caller.Should().BeNull();
        }

        services.Stores.KeyLookups.Should().Be(Limit + 5, "a store can be enabled again, so its key is never answered from memory");
    }

    [Fact]
    public async Task OAuthClients_PastTheLimit_ARepeatedUnknownClientId_IsTooManyWithoutALookup_AndAValidClientIsServed()
    {
        using var services = Services();
        var (store, key) = Store.Create("Shop", DateTime.UtcNow).Value;
        services.Stores.Add(store);
        for (var i = 0; i < Limit; i++)
        {
            var refused = await services.SendAsync(new IssueAccessTokenCommand("client_credentials", "st_made-up", "sk_wrong", null));
            refused.Status.Should().Be(401, "within the limit a wrong client is answered invalid_client");
        }

        var lookups = services.Stores.AccessLookups;
        for (var i = 0; i < 20; i++)
        {
            var tooMany = await services.SendAsync(new IssueAccessTokenCommand("client_credentials", "st_made-up", "sk_wrong", null));
            tooMany.PastFailureLimit.Should().BeTrue();
            tooMany.RetryAfter.Should().BeGreaterThan(TimeSpan.Zero);
        }

        services.Stores.AccessLookups.Should().Be(lookups, "a remembered unknown client id from an address past its limit is answered without the database");
        var served = await services.SendAsync(new IssueAccessTokenCommand("client_credentials", store.Id, key, null));
        served.Token.Should().NotBeNull("valid credentials are served whatever the address's count");
        (await services.SendAsync(new IssueAccessTokenCommand("client_credentials", store.Id, "sk_wrong", null))).PastFailureLimit
            .Should().BeTrue("a known client with a wrong secret is a failure too, looked up each time");
    }

    private static TestServices Services(int failedAuthPerMinute = Limit)
    {
        var credentials = Substitute.For<IRequestCredentials>();
        credentials.ClientAddress.Returns(SharedAddress);
        return new TestServices(
            new Dictionary<string, string?>
            {
                ["RateLimits:FailedAuthPerAddressPerMinute"] = failedAuthPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["OAuth:Enabled"] = "true",
            },
            s => s.AddSingleton(credentials));
    }

    private static async Task<string> NewIntegration(TestServices services) =>
        (await services.SendAsync(new AddNewUserCommand { LinnworksUniqueIdentifier = Guid.NewGuid().ToString(), Email = "a@b.com", AccountName = "Acct" })).AuthorizationToken!;
}
