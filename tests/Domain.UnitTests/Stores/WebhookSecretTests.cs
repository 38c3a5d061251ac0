using ChannelBridge.Domain.Stores;

namespace ChannelBridge.Domain.UnitTests.Stores;

public class WebhookSecretTests
{
    private static readonly DateTime Now = new(2026, 12, 4, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void WithoutASecret_OneIsMade_InStandardWebhooksForm()
    {
        var webhook = Webhook.Create("s", "https://example.com/hook", null, 0, Now).Value;

        webhook.Secret.Should().StartWith("whsec_");
        Convert.FromBase64String(webhook.Secret["whsec_".Length..]).Should().HaveCount(32);
        Webhook.Create("s", "https://example.com/hook", null, 0, Now).Value.Secret.Should().NotBe(webhook.Secret);
    }

    [Theory]
    [InlineData("0123456789abcdef0123456789abcdef")]
    [InlineData("whsec_not-base64!")]
    [InlineData("whsec_AAAAAAAAAAAAAAAAAAAAAA==")]   // 16 bytes: too short
    public void ASecretNotInStandardForm_IsRefused(string secret) =>
        Webhook.Create("s", "https://example.com/hook", secret, 0, Now).Errors.Single().Message.Should().StartWith("Secret must be 'whsec_'");

    [Fact]
    public void Rotation_SignsWithBothUntilTheGraceEnds_PreviousFirst_ThenOnlyTheNew()
    {
        var webhook = Webhook.Create("s", "https://example.com/hook", null, 0, Now).Value;
        var old = webhook.Secret;

        var fresh = webhook.RotateSecret(Now, TimeSpan.FromHours(24));

        webhook.SigningSecrets(Now.AddHours(23)).Should().Equal(old, fresh);
        webhook.SigningSecrets(Now.AddHours(24)).Should().Equal(fresh);
        webhook.Reconfigure("https://example.com/other", null, Now).IsSuccess.Should().BeTrue();
        (webhook.Secret, webhook.PreviousSecret).Should().Be((fresh, old), "a new URL keeps the secrets");
    }
}
