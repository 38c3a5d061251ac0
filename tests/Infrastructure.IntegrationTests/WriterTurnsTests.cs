using ChannelBridge.Infrastructure.Persistence;
using ChannelBridge.Tests;

namespace ChannelBridge.Infrastructure.IntegrationTests;

/// <summary>SQLite's writer is taken by stores in rotation, each store's writes in the order they came (ADR-042).</summary>
public class WriterTurnsTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task AStoreWithWritesQueued_TakesOneTurn_ThenAnotherStoreTakesTheNext()
    {
        var turns = new WriterTurns();
        (await turns.WaitAsync(null, Patience, default)).Should().BeTrue("the turn is free");
        var granted = new List<string>();
        var waits = new List<Task>();
        foreach (var (store, write) in new[] { ("flood", "flood-1"), ("flood", "flood-2"), ("flood", "flood-3"), ("quiet", "quiet-1"), ("flood", "flood-4") })
        {
            waits.Add(Queued(turns, store, write, granted));
            await Eventually.True(() => Waiting(turns) == waits.Count, "each write waits in its place before the next comes");
        }

        for (var i = 0; i < waits.Count; i++)
        {
            var before = granted.Count;
            turns.Release();
            await Eventually.True(() => granted.Count == before + 1, "a release hands the turn to one waiting write");
        }

        await Task.WhenAll(waits);
        granted.Should().Equal("flood-1", "quiet-1", "flood-2", "flood-3", "flood-4");
        turns.Taken.Should().BeTrue("the last writer holds it");
        turns.Release();
        turns.Taken.Should().BeFalse();
    }

    [Fact]
    public async Task AWriterThatGivesUp_IsPassedOver_AndTheTurnGoesToTheNext()
    {
        var turns = new WriterTurns();
        await turns.WaitAsync(null, Patience, default);
        var gaveUp = turns.WaitAsync("a", TimeSpan.FromMilliseconds(1), default);
        using var cancel = new CancellationTokenSource();
        var cancelled = turns.WaitAsync("b", Patience, cancel.Token);
        var granted = new List<string>();
        var patient = Queued(turns, "c", "c-1", granted);
        await Eventually.True(() => Waiting(turns) == 3, "the three writes wait (the one that gave up keeps its place until passed over)");

        (await gaveUp).Should().BeFalse("its patience ran out");
        await cancel.CancelAsync();
        await FluentActions.Awaiting(() => cancelled).Should().ThrowAsync<OperationCanceledException>();
        turns.Release();
        await patient;

        granted.Should().Equal("c-1");
        turns.Release();
        turns.Taken.Should().BeFalse("no one is left waiting");
    }

    /// <summary>A write of <paramref name="store"/> that waits for the turn and records <paramref name="write"/> when it has it.</summary>
    private static Task Queued(WriterTurns turns, string store, string write, List<string> granted) => Task.Run(async () =>
    {
        (await turns.WaitAsync(store, Patience, default)).Should().BeTrue();
        lock (granted)
        {
            granted.Add(write);
        }
    });

    /// <summary>How many writes wait (read from the rotation's queues; a test's view only).</summary>
    private static int Waiting(WriterTurns turns)
    {
        var field = typeof(WriterTurns).GetField("_waiting", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!;
        var gate = typeof(WriterTurns).GetField("_gate", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!.GetValue(turns)!;
        lock (gate)
        {
            return ((System.Collections.IDictionary)field.GetValue(turns)!).Values.Cast<System.Collections.ICollection>().Sum(q => q.Count);
        }
    }
}
