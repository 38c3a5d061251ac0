using ChannelBridge.Domain.Stores;
using FluentValidation;

namespace ChannelBridge.Application.Stores.CreateStore;

internal sealed class CreateStoreCommandValidator : AbstractValidator<CreateStoreCommand>
{
    public CreateStoreCommandValidator() =>
        RuleFor(c => c.Name).NotEmpty().MaximumLength(Store.NameMaxLength);
}
