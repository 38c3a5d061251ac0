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

        budget.TryTake(null, 48 * KiB).Should().Be(BodyBudgetRefusal.None);
        budget.TryTake("store:a", 16 * KiB).Should().Be(BodyBudgetRefusal.None);
        budget.TryTake(null, 1).Should().Be(BodyBudgetRefusal.Node);
        budget.Held.Should().Be(64 * KiB, "a refusal counts nothing");

        budget.Return("store:a", 16 * KiB);
        budget.TryTake("store:b", 16 * KiB).Should().Be(BodyBudgetRefusal.None);
        budget.Held.Should().Be(64 * KiB);
    }

    [Fact]
    public void OneKey_MayHoldAQuarter_AndAnotherKeyItsOwnQuarter()
    {
        var budget = Budget(held: 256 * KiB, channelBody: 16 * KiB);

        budget.CallerLimit.Should().Be(64 * KiB);
        budget.TryTake("store:a", 64 * KiB).Should().Be(BodyBudgetRefusal.None);
        budget.TryTake("store:a", 1).Should().Be(BodyBudgetRefusal.Caller);
        budget.TryTake("store:b", 64 * KiB).Should().Be(BodyBudgetRefusal.None);
        budget.TryTake(null, 128 * KiB).Should().Be(BodyBudgetRefusal.None, "a caller not known yet counts against the node only");

        budget.Return("store:a", 64 * KiB);
        budget.TryTake("store:a", 64 * KiB).Should().Be(BodyBudgetRefusal.None, "what a key gave back is its share again");
    }

    [Fact]
    public void BodiesNotYetKnown_AndTheKeysTogether_EachHoldAtMostThreeQuarters()
    {
        var budget = Budget(held: 64 * KiB, channelBody: 16 * KiB);

        budget.SideLimit.Should().Be(48 * KiB);
        budget.TryTake(null, 48 * KiB).Should().Be(BodyBudgetRefusal.None);
        budget.TryTake(null, 16 * KiB).Should().Be(BodyBudgetRefusal.Node, "Linnworks' side is full though the node has room");
        budget.TryTake("store:a", 16 * KiB).Should().Be(BodyBudgetRefusal.None, "the keys keep the last quarter");
        budget.Return(null, 48 * KiB);

        budget.TryTake("store:b", 16 * KiB).Should().Be(BodyBudgetRefusal.None);
        budget.TryTake("store:c", 16 * KiB).Should().Be(BodyBudgetRefusal.None);
        budget.TryTake("store:d", 16 * KiB).Should().Be(BodyBudgetRefusal.Node, "the keys together hold three quarters");
        budget.TryTake(null, 16 * KiB).Should().Be(BodyBudgetRefusal.None, "Linnworks keeps the last quarter");
    }

    [Fact]
    public void AKeysShare_IsNeverLessThanOneBodyOfTheLargestSize()
    {
        var budget = Budget(held: 64 * KiB, channelBody: 32 * KiB);

        budget.CallerLimit.Should().Be(32 * KiB, "a quarter (16 KiB) would refuse every body of the largest size");
        budget.TryTake("store:a", 32 * KiB).Should().Be(BodyBudgetRefusal.None);
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

        budget.TryTake("store:a", 16 * KiB);
        budget.TryTake(null, 32 * KiB);
        budget.TryTake(null, 32 * KiB).Should().Be(BodyBudgetRefusal.Node);
        var whileHeld = metric;
        budget.Return("store:a", 16 * KiB);

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

    private static RequestBodyBudget Budget(long held, long channelBody) =>
        new(Options.Create(new ApiOptions { MaxRequestBodyBytesHeld = held, MaxChannelRequestBytes = channelBody, MaxLinnworksRequestBytes = channelBody }));
}
