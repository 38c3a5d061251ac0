using System.Diagnostics.Metrics;
using ChannelBridge.Api.Infrastructure;
using Microsoft.Extensions.Options;

namespace ChannelBridge.Api.FunctionalTests.CrossCutting.Limits;

/// <summary>What <see cref="RequestBodyBudget"/> counts, and what it refuses (its use on the real server: BodiesHeldTests).</summary>
public class RequestBodyBudgetTests
{
    private const long KiB = 1024;

    [Fact]
    public void TheNodesBudget_BoundsEveryCallerTogether_AndWhatIsReturnedIsFreeAgain()
    {
        var budget = Budget(held: 64 * KiB, channelBody: 16 * KiB);

        Bodies(budget, 3, 16 * KiB).Should().AllBeEquivalentTo(BodyBudgetRefusal.None);
        var a = budget.Open("store:a");
        a.TryTake(16 * KiB).Should().Be(BodyBudgetRefusal.None);
        budget.Open(null).TryTake(1).Should().Be(BodyBudgetRefusal.Node);
        budget.Held.Should().Be(64 * KiB, "a refusal counts nothing");

        a.Release();
        budget.Open("store:b").TryTake(16 * KiB).Should().Be(BodyBudgetRefusal.None);
        budget.Held.Should().Be(64 * KiB);
    }

    [Fact]
    public void OneKey_MayHoldAQuarter_AndAnotherKeyItsOwnQuarter()
    {
        var budget = Budget(held: 256 * KiB, channelBody: 16 * KiB);
        var a = budget.Open("store:a");

        budget.CallerLimit.Should().Be(64 * KiB);
        a.TryTake(64 * KiB).Should().Be(BodyBudgetRefusal.None);
        a.TryTake(1).Should().Be(BodyBudgetRefusal.Caller);
        budget.Open("store:a").TryTake(1).Should().Be(BodyBudgetRefusal.Caller, "the share is the key's, not one body's");
        budget.Open("store:b").TryTake(64 * KiB).Should().Be(BodyBudgetRefusal.None);
        Bodies(budget, 4, 16 * KiB).Should().AllBeEquivalentTo(BodyBudgetRefusal.None, "a caller not known yet counts against no key");

        a.Release();
        budget.Open("store:a").TryTake(64 * KiB).Should().Be(BodyBudgetRefusal.None, "what a key gave back is its share again");
    }

    [Fact]
    public void BodiesNotYetKnown_AndTheKeysTogether_EachHoldAtMostThreeQuarters()
    {
        var budget = Budget(held: 64 * KiB, channelBody: 16 * KiB);
        var linnworks = Enumerable.Range(0, 3).Select(_ => budget.Open(null)).ToList();

        budget.SideLimit.Should().Be(48 * KiB);
        linnworks.Select(b => b.TryTake(16 * KiB)).ToList().Should().AllBeEquivalentTo(BodyBudgetRefusal.None);
        budget.Open(null).TryTake(16 * KiB).Should().Be(BodyBudgetRefusal.Node, "Linnworks' side is full though the node has room");
        budget.Open("store:a").TryTake(16 * KiB).Should().Be(BodyBudgetRefusal.None, "the keys keep the last quarter");
        linnworks.ForEach(b => b.Release());

        budget.Open("store:b").TryTake(16 * KiB).Should().Be(BodyBudgetRefusal.None);
        budget.Open("store:c").TryTake(16 * KiB).Should().Be(BodyBudgetRefusal.None);
        budget.Open("store:d").TryTake(16 * KiB).Should().Be(BodyBudgetRefusal.Node, "the keys together hold three quarters");
        budget.Open(null).TryTake(16 * KiB).Should().Be(BodyBudgetRefusal.None, "Linnworks keeps the last quarter");
    }

    [Fact]
    public void BodiesWhoseCallerIsNotKnown_HoldAQuarterBeyondTheirFirstBytes_AndABodyWhoseStoreIsKnown_CountsAgainstThatStore()
    {
        var budget = Budget(held: 256 * KiB, channelBody: 16 * KiB, linnworksBody: 64 * KiB);
        var flood = Enumerable.Range(0, 3).Select(_ => budget.Open(null)).ToList();

        budget.UnidentifiedLimit.Should().Be(64 * KiB);
        RequestBodyBudget.FirstBytes.Should().Be(16 * 1024);
        flood.Select(b => b.TryTake(16 * KiB)).ToList().Should().AllBeEquivalentTo(BodyBudgetRefusal.None, "every body's first bytes are read, to find its token");
        flood[0].TryTake(32 * KiB).Should().Be(BodyBudgetRefusal.None);
        flood[1].TryTake(32 * KiB).Should().Be(BodyBudgetRefusal.None);
        flood[2].TryTake(16 * KiB).Should().Be(BodyBudgetRefusal.Unidentified, "bodies not known hold 64 KiB past their first bytes");

        var seller = budget.Open(null);
        seller.TryTake(16 * KiB).Should().Be(BodyBudgetRefusal.None);
        seller.TryAssign("s-1").Should().Be(BodyBudgetRefusal.None);
        seller.TryTake(48 * KiB).Should().Be(BodyBudgetRefusal.None, "a body whose store is known counts against that store, not against the unknown");
        seller.TryTake(16 * KiB).Should().Be(BodyBudgetRefusal.Caller, "one store's Linnworks bodies hold a quarter");

        flood[0].Release();
        flood[2].TryTake(16 * KiB).Should().Be(BodyBudgetRefusal.None, "what an unknown body gave back is room for the unknown again");
    }

    [Fact]
    public void ABodyIsAssignedItsStore_OnlyWhenThatStoresShareHasRoomForWhatItHolds()
    {
        var budget = Budget(held: 256 * KiB, channelBody: 16 * KiB, linnworksBody: 64 * KiB);
        var first = budget.Open(null);
        first.TryTake(16 * KiB);
        first.TryAssign("s-1").Should().Be(BodyBudgetRefusal.None);
        first.TryTake(48 * KiB).Should().Be(BodyBudgetRefusal.None);

        var second = budget.Open(null);
        second.TryTake(16 * KiB).Should().Be(BodyBudgetRefusal.None);
        second.TryAssign("s-1").Should().Be(BodyBudgetRefusal.Caller);
        second.TryAssign("s-2").Should().Be(BodyBudgetRefusal.None, "another store has its own share");

        first.Release();
        second.Release();
        budget.Held.Should().Be(0);
        var third = budget.Open(null);
        third.TryTake(16 * KiB);
        third.TryAssign("s-1").Should().Be(BodyBudgetRefusal.None, "what the store's bodies gave back is its share again");
    }

    [Fact]
    public void AKeysShare_IsNeverLessThanOneBodyOfTheLargestSize()
    {
        var budget = Budget(held: 64 * KiB, channelBody: 32 * KiB);

        budget.CallerLimit.Should().Be(32 * KiB, "a quarter (16 KiB) would refuse every body of the largest size");
        budget.Open("store:a").TryTake(32 * KiB).Should().Be(BodyBudgetRefusal.None);
    }

    [Fact]
    public void WhatIsHeld_IsTheMetricOperatorsWatch()
    {
        // Other tests' requests take and return too, on their own threads: only this thread's measurements count.
        var thread = Environment.CurrentManagedThreadId;
        long metric = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name == "channelbridge.request_bodies.held")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) =>
        {
            if (Environment.CurrentManagedThreadId == thread)
            {
                metric += value;
            }
        });
        listener.Start();
        var budget = Budget(held: 64 * KiB, channelBody: 16 * KiB);
        var key = budget.Open("store:a");

        key.TryTake(16 * KiB);
        Bodies(budget, 2, 16 * KiB);
        budget.Open(null).TryTake(32 * KiB).Should().Be(BodyBudgetRefusal.Node);
        var whileHeld = metric;
        key.Release();

        whileHeld.Should().Be(48 * KiB, "a refusal adds nothing");
        metric.Should().Be(32 * KiB);
    }

    [Fact]
    public void ABudgetSmallerThanTheLargestBody_IsRefusedAtStart_NamingTheSetting()
    {
        var read = () => ApiSettingsAtStart.Read(new Dictionary<string, string?>
        {
            ["Api:MaxChannelRequestBytes"] = "2097152",
            ["Api:MaxRequestBodyBytesHeld"] = "1048576",
        });

        read.Should().Throw<OptionsValidationException>().WithMessage("*Api:MaxRequestBodyBytesHeld must be at least*");
    }

    /// <summary><paramref name="count"/> bodies of callers not known, each taking <paramref name="bytes"/>: what each was answered.</summary>
    private static List<BodyBudgetRefusal> Bodies(RequestBodyBudget budget, int count, long bytes) =>
        Enumerable.Range(0, count).Select(_ => budget.Open(null).TryTake(bytes)).ToList();

    private static RequestBodyBudget Budget(long held, long channelBody, long? linnworksBody = null) =>
        new(Options.Create(new ApiOptions { MaxRequestBodyBytesHeld = held, MaxChannelRequestBytes = channelBody, MaxLinnworksRequestBytes = linnworksBody ?? channelBody }));
}
