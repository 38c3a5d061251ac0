using FluentValidation;

namespace ChannelBridge.Application.Updates.GetUpdates;

internal sealed class GetUpdatesQueryValidator : AbstractValidator<GetUpdatesQuery>
{
    public const int MaxLimit = 1000;

    public GetUpdatesQueryValidator()
    {
        RuleFor(q => q.Limit).InclusiveBetween(1, MaxLimit);
        RuleFor(q => q.After).GreaterThanOrEqualTo(0);
    }
}
