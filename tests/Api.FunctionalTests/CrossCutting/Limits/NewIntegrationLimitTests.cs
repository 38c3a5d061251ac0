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

        var (response, body) = await client.PostJson("/api/Config/AddNewUser", new
        {
            LinnworksUniqueIdentifier = "005d4263-5a0c-43ce-bdc5-526955604107",
            Email = "seller@example.com",
            AccountName = "One too many",
        });

        response.StatusCode.Should().Be(HttpStatusCode.OK, "Linnworks reads a failure from Error, not the status");
        response.Content.Headers.ContentLength.Should().BePositive();
        body["Error"]!.GetValue<string>().Should().StartWith("Too many new integrations from this address; retry in ");
        body["AuthorizationToken"]?.GetValue<string>().Should().BeNullOrEmpty();
        Integrations().Should().Be(FewNewIntegrationsApiFactory.Limit);

        // The other config calls of the integrations already made are not limited by it.
        (await client.PostJson("/api/Config/UserConfig", new { AuthorizationToken = tokens[0] })).Body["Error"].Should().BeNull();
    }

    private long Integrations()
    {
        using var connection = new SqliteConnection($"Data Source={factory.DatabasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM UserConfigs";
        return (long)command.ExecuteScalar()!;
    }
}
