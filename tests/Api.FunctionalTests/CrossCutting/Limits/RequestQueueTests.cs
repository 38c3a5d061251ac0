using System.Net;
using ChannelBridge.Api.Infrastructure;
using ChannelBridge.Application.Common.Linnworks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChannelBridge.Api.FunctionalTests.CrossCutting.Limits;

public sealed class OneAtATimeApiFactory : ApiFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Api:MaxConcurrentRequests"] = "1",
        ["Api:MaxConcurrentChannelRequests"] = "1",
        ["Api:RequestQueueLimit"] = "0",
        ["RateLimits:LinnworksPerIntegrationPerMinute"] = "1000000",
        ["RateLimits:ChannelPerKeyPerMinute"] = "1000000",
    };
}

/// <summary>
/// One request worked on at a time in each lane and none queued (ADR-013, ADR-024): whoever finds the service full is
/// answered at once, in each side's own way, and health checks never wait for a turn.
/// </summary>
public class RequestQueueTests(OneAtATimeApiFactory factory) : IClassFixture<OneAtATimeApiFactory>
{
    [Fact]
    public async Task AFullService_AnswersLinnworksInBand_TheChannelApiWith503Or429ForTheKey_AndHealthAsUsual()
    {
        var (token, storeId, key) = await factory.Integrate();
        var linnworks = factory.Client();
        var channel = factory.ChannelClient(key);
        var operatorClient = factory.ChannelClient(ApiFactory.OperatorKey);

        var linnworksCalls = Enumerable.Range(0, 60).Select(_ => linnworks.PostAsJsonAsync("/api/Config/ConfigTest", new { AuthorizationToken = token }));
        var channelCalls = Enumerable.Range(0, 60).Select(i => (i % 2 == 0 ? channel : operatorClient).GetAsync($"/api/channel/v1/stores/{storeId}"));
        var healthCalls = Enumerable.Range(0, 20).Select(_ => linnworks.GetAsync("/health/live"));
        var all = await Task.WhenAll(linnworksCalls.Concat(channelCalls).Concat(healthCalls));
        var (fromLinnworks, fromChannel, fromHealth) = (all[..60], all[60..120], all[120..]);

        fromLinnworks.Should().OnlyContain(r => r.StatusCode == HttpStatusCode.OK && r.Content.Headers.ContentLength > 0, "Linnworks reads any other status as a transport failure");
        var errors = await Task.WhenAll(fromLinnworks.Select(async r => (await ApiClientExtensions.ReadObject(r))["Error"]?.GetValue<string>()));
        errors.Should().OnlyContain(e => e == null || e == LinnworksErrors.Overloaded);
        errors.Should().Contain(LinnworksErrors.Overloaded, "60 calls at once cannot all find the one turn free");

        // A key with nothing queued allowed is refused 429 past its one request in the lane; a key that finds the
        // other's request in the one turn, 503.
        fromChannel.Should().OnlyContain(r => r.StatusCode == HttpStatusCode.OK || r.StatusCode == HttpStatusCode.ServiceUnavailable || r.StatusCode == HttpStatusCode.TooManyRequests);
        var refused = fromChannel.Where(r => r.StatusCode != HttpStatusCode.OK).ToList();
        refused.Should().Contain(r => r.StatusCode == HttpStatusCode.TooManyRequests, "30 calls of one key at once cannot all find its one place free");
        refused.Should().OnlyContain(r => r.Headers.RetryAfter != null && r.Content.Headers.ContentType!.MediaType == "application/problem+json");

        fromHealth.Should().OnlyContain(r => r.StatusCode == HttpStatusCode.OK, "probes never queue behind work");
    }

    [Fact]
    public async Task ADespatchOrStockUpdateFindingTheServiceFull_HasEveryItemAnswered_ADespatchWithRetry()
    {
        // One call each from many sellers: the lane is full, no integration past its own share.
        var tokens = new List<string>();
        for (var i = 0; i < 40; i++)
        {
            tokens.Add((await factory.Integrate()).Token);
        }

        var linnworks = factory.Client();
        var references = new[] { "Q-1", "Q-2", "Q-3" };
        var skus = new[] { "S-1", "S-2" };

        var calls = await Task.WhenAll(tokens.Select((token, i) => i % 2 == 0
            ? linnworks.PostJson("/api/Order/Despatch", new { AuthorizationToken = token, Orders = references.Select(r => new { ReferenceNumber = r, TrackingNumber = "T" }).ToArray() })
            : linnworks.PostJson("/api/Product/InventoryUpdate", new { AuthorizationToken = token, Products = skus.Select(s => new { SKU = s, Reference = s, Quantity = 1 }).ToArray() })));

        var refused = calls.Where(c => c.Body["Error"]?.GetValue<string>() == LinnworksErrors.Overloaded).Select(c => c.Body).ToList();
        refused.Should().Contain(b => b.ContainsKey("Orders")).And.Contain(b => b.ContainsKey("Products"), "40 calls at once cannot all find the one turn free");
        foreach (var answer in refused)
        {
            if (answer["Orders"] is { } orders)
            {
                orders.AsArray().Select(o => (o!["ReferenceNumber"]!.GetValue<string>(), o["Retry"]!.GetValue<bool>(), o["Error"]!.GetValue<string>()))
                    .Should().Equal(references.Select(r => (r, true, LinnworksErrors.Overloaded)), "an order left out reads to Linnworks as not found");
            }
            else
            {
                answer["Products"]!.AsArray().Select(p => (p!["SKU"]!.GetValue<string>(), p["Error"]!.GetValue<string>()))
                    .Should().Equal(skus.Select(s => (s, LinnworksErrors.Overloaded)), "a SKU left out may be dropped from Linnworks' later updates");
            }
        }
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

    [Theory]
    [InlineData("store:s1", RequestQueue.Bulk, RequestQueue.Channel, "store:s1")]
    [InlineData("operator", RequestQueue.Bulk, RequestQueue.Channel, "operator")]
    [InlineData(null, RequestQueue.Unlimited, "", "")]
    public void TheChannelApi_HasAShareOfTheTurns_EachKeyItsShareOfThat_AndARefusedKeyNoTurn(string? caller, string lane, string channelShare, string keyShare)
    {
        var context = new DefaultHttpContext { RequestServices = factory.Services };
        context.Request.Path = "/api/channel/v1/stores/s1/orders";
        context.Features.Set(new ChannelCaller(caller));

        RequestQueue.Partition(context).PartitionKey.Should().Be(lane);
        RequestQueue.ChannelShare(context).PartitionKey.Should().Be(channelShare);
        RequestQueue.KeyShare(context).PartitionKey.Should().Be(keyShare);
    }

    [Theory]
    [InlineData("/api/Order/Orders", "integration:i1", RequestQueue.Bulk, "integration:i1")]
    [InlineData("/api/Order/Orders", "linnworks", RequestQueue.Bulk, "linnworks")]
    [InlineData("/api/Order/Orders", "linnworks:unknown", RequestQueue.Bulk, "linnworks:unknown")]
    [InlineData("/api/Config/ConfigTest", "integration:i1", RequestQueue.Interactive, "")]
    public void ALinnworksIntegration_HasAShareOfItsOwnInTheBulkLane_AndTheUnidentifiedAndUnknownOnesOneEach(string path, string caller, string lane, string share)
    {
        var context = new DefaultHttpContext { RequestServices = factory.Services };
        context.Request.Path = path;
        context.SetEndpoint(factory.Services.GetRequiredService<Microsoft.AspNetCore.Routing.EndpointDataSource>().Endpoints.OfType<Microsoft.AspNetCore.Routing.RouteEndpoint>()
            .First(e => string.Equals("/" + e.RoutePattern.RawText?.TrimStart('/'), path, StringComparison.OrdinalIgnoreCase)));
        context.Features.Set(new LinnworksCaller(caller));

        RequestQueue.Partition(context).PartitionKey.Should().Be(lane);
        RequestQueue.ChannelShare(context).PartitionKey.Should().BeEmpty("Linnworks' calls are not the Channel API's");
        RequestQueue.KeyShare(context).PartitionKey.Should().Be(share);
    }

    [Theory]
    [InlineData(0, 0, 2)]    // eight turns on two cores: two for the Channel API
    [InlineData(2, 0, 1)]    // two turns: one left for Linnworks
    [InlineData(1, 0, 1)]    // one turn has none to leave
    [InlineData(8, 3, 3)]
    public void TheChannelApisTurns_AreFewerThanTheLanes(int laneTurns, int channelSetting, int channelTurns)
    {
        var options = new ApiOptions { MaxConcurrentRequests = laneTurns, MaxConcurrentChannelRequests = channelSetting };

        RequestQueue.ChannelTurns(options).Should().Be(laneTurns == 0 && Environment.ProcessorCount > 2 ? Environment.ProcessorCount : channelTurns);
        RequestQueue.LeavesLinnworksATurn(options).Should().BeTrue();
    }

    [Theory]
    [InlineData(8, 4)]
    [InlineData(3, 1)]
    [InlineData(2, 1)]
    [InlineData(1, 1)]
    public void ALinnworksIntegrationsTurns_AreHalfTheLanes_AtLeastOne(int laneTurns, int integrationTurns)
    {
        RequestQueue.IntegrationTurns(new ApiOptions { MaxConcurrentRequests = laneTurns }).Should().Be(integrationTurns);
    }

    [Fact]
    public void AChannelSettingThatWouldTakeEveryTurn_IsRefusedAtStart_NamingTheSetting()
    {
        var read = () => ApiSettingsAtStart.Read(new Dictionary<string, string?>
        {
            ["Api:MaxConcurrentRequests"] = "4",
            ["Api:MaxConcurrentChannelRequests"] = "4",
        });

        read.Should().Throw<OptionsValidationException>().WithMessage("*Api:MaxConcurrentChannelRequests must be fewer than Api:MaxConcurrentRequests*");
    }
}
