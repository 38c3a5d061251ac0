using System.Net;
using ChannelBridge.Api.Infrastructure;
using ChannelBridge.Application.Common.Linnworks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ChannelBridge.Api.FunctionalTests.CrossCutting.Limits;

public sealed class OneAtATimeApiFactory : ApiFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Api:MaxConcurrentRequests"] = "1",
        ["Api:RequestQueueLimit"] = "0",
        ["RateLimits:LinnworksPerIntegrationPerMinute"] = "1000000",
        ["RateLimits:ChannelPerKeyPerMinute"] = "1000000",
    };
}

/// <summary>
/// One request worked on at a time and none queued (ADR-013): whoever finds the service full is answered at once, in
/// each side's own way, and health checks never wait for a turn.
/// </summary>
public class RequestQueueTests(OneAtATimeApiFactory factory) : IClassFixture<OneAtATimeApiFactory>
{
    [Fact]
    public async Task AFullService_AnswersLinnworksInBand_TheChannelApiWith503_AndHealthAsUsual()
    {
        var (token, storeId, key) = await factory.Integrate();
        var linnworks = factory.Client();
        var channel = factory.ChannelClient(key);

        var linnworksCalls = Enumerable.Range(0, 60).Select(_ => linnworks.PostAsJsonAsync("/api/Config/ConfigTest", new { AuthorizationToken = token }));
        var channelCalls = Enumerable.Range(0, 60).Select(_ => channel.GetAsync($"/api/channel/v1/stores/{storeId}"));
        var healthCalls = Enumerable.Range(0, 20).Select(_ => linnworks.GetAsync("/health/live"));
        var all = await Task.WhenAll(linnworksCalls.Concat(channelCalls).Concat(healthCalls));
        var (fromLinnworks, fromChannel, fromHealth) = (all[..60], all[60..120], all[120..]);

        fromLinnworks.Should().OnlyContain(r => r.StatusCode == HttpStatusCode.OK && r.Content.Headers.ContentLength > 0, "Linnworks reads any other status as a transport failure");
        var errors = await Task.WhenAll(fromLinnworks.Select(async r => (await ApiClientExtensions.ReadObject(r))["Error"]?.GetValue<string>()));
        errors.Should().OnlyContain(e => e == null || e == LinnworksErrors.Overloaded);
        errors.Should().Contain(LinnworksErrors.Overloaded, "60 calls at once cannot all find the one turn free");

        fromChannel.Should().OnlyContain(r => r.StatusCode == HttpStatusCode.OK || r.StatusCode == HttpStatusCode.ServiceUnavailable);
        var refused = fromChannel.Where(r => r.StatusCode == HttpStatusCode.ServiceUnavailable).ToList();
        refused.Should().NotBeEmpty();
        refused.Should().OnlyContain(r => r.Headers.RetryAfter != null && r.Content.Headers.ContentType!.MediaType == "application/problem+json");

        fromHealth.Should().OnlyContain(r => r.StatusCode == HttpStatusCode.OK, "probes never queue behind work");
    }

    [Theory]
    [InlineData("/api/Config/ConfigTest", RequestQueue.Interactive)]
    [InlineData("/api/Config/SaveConfig", RequestQueue.Interactive)]
    [InlineData("/api/Order/Orders", RequestQueue.Bulk)]
    [InlineData("/api/Product/InventoryUpdate", RequestQueue.Bulk)]
    [InlineData("/health/live", RequestQueue.Unlimited)]
    public void TheWizardAndConnectionTest_HaveTheirOwnTurns_AndProbesNone(string path, string lane)
    {
        var endpoints = factory.Services.GetRequiredService<Microsoft.AspNetCore.Routing.EndpointDataSource>().Endpoints.OfType<Microsoft.AspNetCore.Routing.RouteEndpoint>();
        var context = new DefaultHttpContext { RequestServices = factory.Services };
        context.Request.Path = path;
        context.SetEndpoint(endpoints.FirstOrDefault(e => string.Equals("/" + e.RoutePattern.RawText?.TrimStart('/'), path, StringComparison.OrdinalIgnoreCase)));
        if (lane != RequestQueue.Unlimited)
        {
            context.GetEndpoint().Should().NotBeNull($"{path} is a route");
        }

        RequestQueue.Partition(context).PartitionKey.Should().Be(lane);
    }
}
