using FluentValidation;

namespace ChannelBridge.Application.Stores.ReplaceStoreTags;

internal sealed class ReplaceStoreTagsCommandValidator : AbstractValidator<ReplaceStoreTagsCommand>
{
    public const int MaxTags = 1000;

    public ReplaceStoreTagsCommandValidator() =>
        RuleFor(c => c.Tags).NotNull().WithMessage(c => $"{c.Kind}Tags is required (send [] to remove all).")
            .Must(t => t is null || t.Count <= MaxTags).WithMessage($"At most {MaxTags} tags are accepted.");
}
