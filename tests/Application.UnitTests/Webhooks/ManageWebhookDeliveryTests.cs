using ChannelBridge.Application.Webhooks.ManageWebhookDelivery;
using ChannelBridge.Domain.Common;
using ChannelBridge.Domain.Stores;
using Microsoft.Extensions.DependencyInjection;
using NSubstitute;

namespace ChannelBridge.Application.UnitTests.Webhooks;

/// <summary>Resuming and redelivering a store's webhook, at the handler.</summary>
public class ManageWebhookDeliveryTests
{
    private const string Secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    [Fact]
    public async Task Enable_ResumesAGoneWebhook_FromItsCursor_AndSavesIt()
    {
        using var services = new TestServices();
        var webhook = Webhook.Create("s1", "https://example.com/hook", Secret, startAfterCursor: 0, DateTime.UtcNow).Value;
        webhook.Delivered(5);
        webhook.Gone(DateTime.UtcNow);
        var webhooks = services.Provider.GetRequiredService<IWebhookRepository>();
        webhooks.GetAsync("s1", Arg.Any<CancellationToken>()).Returns(webhook);
        webhooks.BacklogAsync("s1", 5, Arg.Any<CancellationToken>()).Returns(3);

        var result = await services.SendAsync(new EnableWebhookCommand("s1"));

        result.Value.State.Should().Be("Enabled");
        result.Value.DeliveredCursor.Should().Be(5, "delivery resumes where it stopped: nothing skipped, nothing repeated");
        result.Value.Backlog.Should().Be(3);
        await webhooks.Received(1).SaveAsync(webhook, Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Redeliver_WithoutACursor_IsRefused_AndNothingIsSaved()
    {
        using var services = new TestServices();
        var webhooks = services.Provider.GetRequiredService<IWebhookRepository>();
        webhooks.GetAsync("s1", Arg.Any<CancellationToken>()).Returns(Webhook.Create("s1", "https://example.com/hook", Secret, 0, DateTime.UtcNow).Value);

        var result = await services.SendAsync(new RedeliverWebhookCommand("s1", After: null));

        result.Errors.Single().Kind.Should().Be(ErrorKind.Validation);
        await webhooks.DidNotReceiveWithAnyArgs().SaveAsync(default!, default);
    }

    [Fact]
    public async Task AStoreWithoutAWebhook_IsNotFound()
    {
        using var services = new TestServices();

        var result = await services.SendAsync(new EnableWebhookCommand("s1"));

        result.Errors.Single().Kind.Should().Be(ErrorKind.NotFound);
    }
}
