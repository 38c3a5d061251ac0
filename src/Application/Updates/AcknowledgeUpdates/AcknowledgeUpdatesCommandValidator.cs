using FluentValidation;

namespace ChannelBridge.Application.Updates.AcknowledgeUpdates;

internal sealed class AcknowledgeUpdatesCommandValidator : AbstractValidator<AcknowledgeUpdatesCommand>
{
    public AcknowledgeUpdatesCommandValidator()
    {
        RuleFor(c => c.Cursor).Cascade(CascadeMode.Stop)
            .NotNull().WithMessage("Cursor is required: the NextCursor of the updates you handled.")
            .GreaterThanOrEqualTo(0).WithMessage("Cursor cannot be negative: send the NextCursor of the updates you handled.");
    }
}
