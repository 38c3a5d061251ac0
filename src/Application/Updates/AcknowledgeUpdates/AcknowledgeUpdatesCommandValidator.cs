using FluentValidation;

namespace ChannelBridge.Application.Updates.AcknowledgeUpdates;

internal sealed class AcknowledgeUpdatesCommandValidator : AbstractValidator<AcknowledgeUpdatesCommand>
{
    public AcknowledgeUpdatesCommandValidator() =>
        RuleFor(c => c.Cursor).NotNull().GreaterThanOrEqualTo(0).WithMessage("Cursor is required: the NextCursor of the updates you handled.");
}
