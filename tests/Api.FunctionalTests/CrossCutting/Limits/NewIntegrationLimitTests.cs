using System.Net;
using Microsoft.Data.Sqlite;

namespace ChannelBridge.Api.FunctionalTests.CrossCutting.Limits;

public sealed class FewNewIntegrationsApiFactory : ApiFactory
{
    public const int Limit = 3;

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["RateLimits:NewIntegrationsPerAddressPerMinute"] = Limit.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}

public sealed class FewNewIntegrationsPerAccountApiFactory : ApiFactory
{
    public const int PerAccount = 2;
    public const int PerAddress = 5;

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["RateLimits:NewIntegrationsPerAccountPerMinute"] = PerAccount.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["RateLimits:NewIntegrationsPerAddressPerMinute"] = PerAddress.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}

/// <summary>Callers come through a proxy on loopback (X-Forwarded-For says who they are); Linnworks from 203.0.113.0/28.</summary>
public sealed class LinnworksNetworksApiFactory : ApiFactory
{
    public const int PerAccount = 2;
    public const int PerAddress = 5;

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["RateLimits:NewIntegrationsPerAccountPerMinute"] = PerAccount.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["RateLimits:NewIntegrationsPerAddressPerMinute"] = PerAddress.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["RateLimits:LinnworksNetworks:0"] = "203.0.113.0/28",
        ["Api:KnownProxies:0"] = "127.0.0.1",
    };
}

/// <summary>AddNewUser takes no credentials and writes a row: an address may make only so many integrations a minute.</summary>
public class NewIntegrationLimitTests(FewNewIntegrationsApiFactory factory) : IClassFixture<FewNewIntegrationsApiFactory>
{
    [Fact]
    public async Task AddNewUser_PastTheAddresssLimit_IsAnErrorThatSaysRetry_AndWritesNothing()
    {
        var client = factory.Client();
        var tokens = new List<string>();
        for (var i = 0; i < FewNewIntegrationsApiFactory.Limit; i++)
        {
            tokens.Add(await client.AddNewUser($"Seller {i}"));
        }

        var (response, body) = await client.AddNewUserAs(Guid.NewGuid().ToString());

        response.StatusCode.Should().Be(HttpStatusCode.OK, "Linnworks reads a failure from Error, not the status");
        response.Content.Headers.ContentLength.Should().BePositive();
        body["Error"]!.GetValue<string>().Should().StartWith("Too many new integrations from this address; retry in ");
        body["AuthorizationToken"]?.GetValue<string>().Should().BeNullOrEmpty();
        factory.Integrations().Should().Be(FewNewIntegrationsApiFactory.Limit);

        // The other config calls of the integrations already made are not limited by it.
        (await client.PostJson("/api/Config/UserConfig", new { AuthorizationToken = tokens[0] })).Body["Error"].Should().BeNull();
    }
}

/// <summary>
/// Linnworks calls AddNewUser for every seller from a few shared addresses: one Linnworks account adding the channel in a
/// loop is refused on its own, and what it is refused takes nothing from the address's minute, so other sellers behind
/// the same address still integrate.
/// </summary>
public class NewIntegrationPerAccountLimitTests(FewNewIntegrationsPerAccountApiFactory factory) : IClassFixture<FewNewIntegrationsPerAccountApiFactory>
{
    [Fact]
    public async Task OneAccountInALoop_IsRefusedAlone_AndOtherAccountsOnTheSameAddressStillIntegrate()
    {
        var client = factory.Client();
        var looping = Guid.NewGuid().ToString();
        for (var i = 0; i < FewNewIntegrationsPerAccountApiFactory.PerAccount; i++)
        {
            (await client.AddNewUserAs(looping)).Body["Error"].Should().BeNull();
        }

        for (var i = 0; i < 3 * FewNewIntegrationsPerAccountApiFactory.PerAddress; i++)
        {
            var (response, body) = await client.AddNewUserAs(i % 2 == 0 ? looping : looping.ToUpperInvariant());
            response.StatusCode.Should().Be(HttpStatusCode.OK);
            body["Error"]!.GetValue<string>().Should().StartWith("Too many new integrations for this Linnworks account; retry in ");
        }

        // The address's minute holds three more after the looping account's two: three other sellers integrate.
        for (var i = 0; i < FewNewIntegrationsPerAccountApiFactory.PerAddress - FewNewIntegrationsPerAccountApiFactory.PerAccount; i++)
        {
            (await client.AddNewUserAs(Guid.NewGuid().ToString())).Body["Error"].Should().BeNull("another seller behind the same address");
        }

        (await client.AddNewUserAs(Guid.NewGuid().ToString())).Body["Error"]!.GetValue<string>()
            .Should().StartWith("Too many new integrations from this address", "made-up accounts from one address still share its limit");
        factory.Integrations().Should().Be(FewNewIntegrationsPerAccountApiFactory.PerAddress);
    }

}

/// <summary>The address the limit counts is the connection's (or a known proxy's forward), never one the body names.</summary>
public class NewIntegrationAddressTests(FewNewIntegrationsPerAccountApiFactory factory) : IClassFixture<FewNewIntegrationsPerAccountApiFactory>
{
    [Fact]
    public async Task TheAddressInTheBody_IsNotRead()
    {
        var client = factory.Client();
        var account = Guid.NewGuid().ToString();
        for (var i = 0; i < FewNewIntegrationsPerAccountApiFactory.PerAccount; i++)
        {
            (await client.AddNewUserAs(account)).Body["Error"].Should().BeNull();
        }

        var (_, body) = await client.PostJson("/api/Config/AddNewUser", new
        {
            LinnworksUniqueIdentifier = account,
            Email = "seller@example.com",
            AccountName = "Spoofing",
            ClientAddress = "203.0.113.7",
        });

        body["Error"]!.GetValue<string>().Should().StartWith("Too many new integrations", "a ClientAddress in the body is not the caller's address");
    }
}

/// <summary>
/// From Linnworks' own networks (<c>RateLimits:LinnworksNetworks</c>) each account has its limit and the address none:
/// a dozen sellers adding the channel at their limit do not refuse the next seller's install. Anywhere else, unchanged.
/// </summary>
public class LinnworksNetworksNewIntegrationTests(LinnworksNetworksApiFactory factory) : IClassFixture<LinnworksNetworksApiFactory>
{
    [Fact]
    public async Task FromLinnworksNetworks_ManyAccountsAtTheirLimit_DoNotRefuseTheNextSeller()
    {
        var before = factory.Integrations();
        var linnworks = From("203.0.113.5");
        var accounts = Enumerable.Range(0, 2 * LinnworksNetworksApiFactory.PerAddress).Select(_ => Guid.NewGuid().ToString()).ToList();
        foreach (var account in accounts)
        {
            for (var i = 0; i < LinnworksNetworksApiFactory.PerAccount; i++)
            {
                (await linnworks.AddNewUserAs(account)).Body["Error"].Should().BeNull("each account is within its own limit");
            }
        }

        (await linnworks.AddNewUserAs(accounts[0])).Body["Error"]!.GetValue<string>().Should().StartWith("Too many new integrations for this Linnworks account");
        (await From("203.0.113.9").AddNewUserAs(accounts[1])).Body["Error"]!.GetValue<string>()
            .Should().StartWith("Too many new integrations for this Linnworks account", "one window for an account across Linnworks' addresses");
        (await From("203.0.113.9").AddNewUserAs(Guid.NewGuid().ToString())).Body["Error"].Should().BeNull("the next seller adds the channel");
        (factory.Integrations() - before).Should().Be((accounts.Count * LinnworksNetworksApiFactory.PerAccount) + 1);
    }

    [Fact]
    public async Task FromAnywhereElse_TheAddressLimitStillHoldsMadeUpAccounts()
    {
        var outside = From("198.51.100.7");
        for (var i = 0; i < LinnworksNetworksApiFactory.PerAddress; i++)
        {
            (await outside.AddNewUserAs(Guid.NewGuid().ToString())).Body["Error"].Should().BeNull();
        }

        (await outside.AddNewUserAs(Guid.NewGuid().ToString())).Body["Error"]!.GetValue<string>().Should().StartWith("Too many new integrations from this address");
        (await From("203.0.113.16").AddNewUserAs(Guid.NewGuid().ToString())).Body["Error"].Should().BeNull("the next address, outside the /28, has its own minute");
    }

    private HttpClient From(string address)
    {
        var client = factory.Client();
        client.DefaultRequestHeaders.Add("X-Forwarded-For", address);
        return client;
    }
}

internal static class NewIntegrationCalls
{
    public static Task<(HttpResponseMessage Response, System.Text.Json.Nodes.JsonObject Body)> AddNewUserAs(this HttpClient client, string account) =>
        client.PostJson("/api/Config/AddNewUser", new { LinnworksUniqueIdentifier = account, Email = "seller@example.com", AccountName = "My shop" });

    public static long Integrations(this ApiFactory factory)
    {
        using var connection = new SqliteConnection($"Data Source={factory.DatabasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM UserConfigs";
        return (long)command.ExecuteScalar()!;
    }
}
