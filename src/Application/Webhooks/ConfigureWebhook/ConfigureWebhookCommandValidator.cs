using FluentValidation;

namespace ChannelBridge.Application.Webhooks.ConfigureWebhook;

internal sealed class ConfigureWebhookCommandValidator : AbstractValidator<ConfigureWebhookCommand>
{
    public ConfigureWebhookCommandValidator()
    {
        RuleFor(c => c.Url).NotEmpty();
    }
}
