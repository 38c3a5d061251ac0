using ChannelBridge.Api.Infrastructure;
using Microsoft.Extensions.Options;

namespace ChannelBridge.Api.FunctionalTests.CrossCutting.Limits;

/// <summary>The lookups before the turn run at most a lane's turns at once; a caller that gives up stops waiting.</summary>
public class CallerLookupsTests
{
    [Fact]
    public async Task ALookupPastTheTurns_WaitsForOneToEnd_AndAGivenUpWaitEnds()
    {
        using var lookups = new CallerLookups(Options.Create(new ApiOptions { MaxConcurrentRequests = 1 }));
        var first = new TaskCompletionSource<int>();
        var running = lookups.RunAsync(() => first.Task, CancellationToken.None);

        var second = lookups.RunAsync(() => Task.FromResult(2), CancellationToken.None);
        using var giveUp = new CancellationTokenSource();
        var abandoned = lookups.RunAsync(() => Task.FromResult(3), giveUp.Token);
        await Task.Delay(100);
        second.IsCompleted.Should().BeFalse("one lookup at a time, and the first has not ended");
        await giveUp.CancelAsync();
        await FluentActions.Awaiting(() => abandoned).Should().ThrowAsync<OperationCanceledException>();

        first.SetResult(1);
        (await running).Should().Be(1);
        (await second).Should().Be(2);
    }
}
