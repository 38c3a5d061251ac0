using ChannelBridge.Domain.Stores;

namespace ChannelBridge.Domain.UnitTests.Stores;

/// <summary>A receiver's slowness and a store's turn at delivery (ADR-033).</summary>
public class WebhookTurnTests
{
    private static readonly DateTime Now = new(2026, 12, 4, 12, 0, 0, DateTimeKind.Utc);
    private static readonly DeliveryPolicy Policy = new(TimeSpan.FromMinutes(10), TimeSpan.FromHours(1), TimeSpan.FromDays(5));

    [Fact]
    public void ASlowAnswer_MarksTheReceiverSlowForAWhile_AndAnotherExtendsIt_NotAFastOne()
    {
        var webhook = Webhook.Create("s", "https://example.com/hook", null, 0, Now).Value;
        webhook.IsSlow(Now).Should().BeFalse();

        webhook.AnsweredSlowly(Now, TimeSpan.FromMinutes(10)).Should().BeTrue("it became slow");
        webhook.IsSlow(Now.AddMinutes(9)).Should().BeTrue();
        webhook.Delivered(1, Now.AddMinutes(1));
        webhook.IsSlow(Now.AddMinutes(9)).Should().BeTrue("answering in time does not end it early");
        webhook.IsSlow(Now.AddMinutes(10)).Should().BeFalse();

        webhook.AnsweredSlowly(Now.AddMinutes(5), TimeSpan.FromMinutes(10)).Should().BeFalse("it was slow already");
        webhook.SlowUntilUtc.Should().Be(Now.AddMinutes(15));
        webhook.Reconfigure("https://example.com/other", null, Now.AddMinutes(6)).IsSuccess.Should().BeTrue();
        webhook.IsSlow(Now.AddMinutes(6)).Should().BeTrue("a new configuration does not buy a way back into the others' slots");
    }

    [Fact]
    public void AnEndedTurn_PutsTheStoreBehindThoseWaitingLonger_ButKeepsABackoff()
    {
        var webhook = Webhook.Create("s", "https://example.com/hook", null, 0, Now.AddHours(-1)).Value;
        webhook.TurnEnded(Now);
        webhook.NextAttemptUtc.Should().Be(Now, "due still, behind every store due since earlier");

        webhook.Failed("HTTP 503", Now, Policy);
        var retry = webhook.NextAttemptUtc;
        retry.Should().BeAfter(Now);
        webhook.TurnEnded(Now);
        webhook.NextAttemptUtc.Should().Be(retry, "a failed attempt's back-off stands");
    }
}
