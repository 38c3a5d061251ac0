using System.Text.Json;
using ChannelBridge.Application.Stores;
using ChannelBridge.Domain.Common;
using FluentValidation;
using MediatR;

namespace ChannelBridge.Application.ListingTool.ReplaceListingSettings;

/// <summary>The operator replaces what a listing on this channel needs (GetConfiguratorSettings), whole.</summary>
public sealed record ReplaceListingSettingsCommand(ConfiguratorSettingsDto? Settings) : IChannelRequest<ConfiguratorSettingsDto>;

internal sealed class ReplaceListingSettingsCommandHandler(IListingCatalogRepository catalog) : IRequestHandler<ReplaceListingSettingsCommand, Result<ConfiguratorSettingsDto>>
{
    public async Task<Result<ConfiguratorSettingsDto>> Handle(ReplaceListingSettingsCommand request, CancellationToken cancellationToken)
    {
        await catalog.SaveDocumentAsync(ListingDocumentKind.Settings, string.Empty, JsonSerializer.Serialize(request.Settings), cancellationToken);
        return request.Settings!;
    }
}

internal sealed class ReplaceListingSettingsCommandValidator : AbstractValidator<ReplaceListingSettingsCommand>
{
    public const int MaxSettings = 500;

    public ReplaceListingSettingsCommandValidator()
    {
        RuleFor(c => c.Settings).NotNull().WithMessage("The settings are required.");
        When(c => c.Settings is not null, () =>
        {
            RuleFor(c => c.Settings!.Settings).Must(s => s.Count <= MaxSettings).WithMessage($"At most {MaxSettings} settings.")
                .Must(s => s.Select(x => x.ConfigItemId).Distinct(StringComparer.Ordinal).Count() == s.Count).WithMessage("Every ConfigItemId must be unique.");
            RuleForEach(c => c.Settings!.Settings).ChildRules(s =>
            {
                s.RuleFor(x => x.ConfigItemId).NotEmpty().MaximumLength(100);
                s.RuleFor(x => x.FriendlyName).NotEmpty().MaximumLength(255);
                s.RuleFor(x => x.ValueOptions).NotEmpty().When(x => x.ValueFromOptionsList).WithMessage("ValueFromOptionsList needs ValueOptions.");
            });
            RuleFor(c => c.Settings!.MaxDescriptionLength).GreaterThanOrEqualTo(0);
            RuleFor(c => c.Settings!.ImageSettings).NotNull();
            RuleFor(c => c.Settings!.ImageSettings.MaxImages).GreaterThanOrEqualTo(0).When(c => c.Settings!.ImageSettings is not null);
            RuleForEach(c => c.Settings!.ImageSettings.ImageTags).ChildRules(t => t.RuleFor(x => x.Name).NotEmpty()).When(c => c.Settings!.ImageSettings is not null);
        });
    }
}
