using System.Text;
using ChannelBridge.Application.Common.Linnworks;
using ChannelBridge.Tests;

namespace ChannelBridge.Api.FunctionalTests.CrossCutting.Operations;

/// <summary>
/// A sender that trickles its body, on the real server (Kestrel; the in-memory test server hands the app a body only
/// once it has it all). Before ADR-023 a request took its turn on arrival and read its body after, so eight such
/// connections, each above Kestrel's minimum of 240 bytes a second, held every turn of the node.
/// </summary>
public class SlowSenderTests
{
    private static readonly Dictionary<string, string> Settings = new()
    {
        ["ChannelApi__OperatorKey"] = "slow-sender-tests-operator-key-0123456789abcdef",
        ["DataProtection__KeyRingKey"] = "slow-sender-tests-key-ring-key-0123456789abcdef",
        ["Api__MaxConcurrentRequests"] = "1",
        ["Api__RequestQueueLimit"] = "0",
    };

    [Fact]
    public async Task ABodyStillArriving_HoldsNoTurn_AndIsAnsweredOnceItHasArrived()
    {
        using var directory = new TemporaryDirectory("channelbridge-slow");
        var settings = new Dictionary<string, string>(Settings) { ["ConnectionStrings__ChannelBridge"] = $"Data Source={Path.Combine(directory.Path, "cb.db")}" };
        await using var service = await ServiceProcess.StartAsync(directory.Path, settings);
        var body = Encoding.UTF8.GetBytes("""{"AuthorizationToken":"not-a-token","UTCTimeFrom":"2026-01-01T00:00:00Z","PageNumber":1}""");

        using var slow = await RawRequest.StartAsync(service.Client.BaseAddress!, "/api/Order/Orders", body, sendNow: 10);
        await Task.Delay(500);

        // The one turn is free: this call is answered (its token is unknown), not refused as Overloaded.
        using var other = await service.Client.PostAsync("/api/Order/Orders", new ByteArrayContent(body) { Headers = { ContentType = new("application/json") } });
        var otherError = (await ApiClientExtensions.ReadObject(other))["Error"]?.GetValue<string>();

        await slow.FinishAsync();
        var answer = await slow.ReadAnswerAsync(TimeSpan.FromSeconds(20));

        otherError.Should().NotBeNull().And.NotBe(LinnworksErrors.Overloaded, "a body still arriving holds no turn");
        answer.Should().StartWith("HTTP/1.1 200").And.NotContain(LinnworksErrors.Overloaded).And.Contain("\"Error\":", "the slow call is answered once its body is in");
    }
}
