using ChannelBridge.Domain.UserConfigs;
using FluentValidation;

namespace ChannelBridge.Application.Config.AddNewUser;

/// <summary>
/// Shape checks at the boundary, with the sample server's messages. AccountName and Email are never
/// checked for uniqueness: a seller may integrate the same channel many times.
/// </summary>
internal sealed class AddNewUserCommandValidator : AbstractValidator<AddNewUserCommand>
{
    public AddNewUserCommandValidator()
    {
        RuleFor(c => c.LinnworksUniqueIdentifier)
            .NotEmpty().MaximumLength(UserConfig.LinnworksIdMaxLength)
            .Must(id => !Guid.TryParse(id, out var g) || g != Guid.Empty)
            .WithMessage("Invalid LinnworksUniqueIdentifier");
        RuleFor(c => c.Email)
            .NotEmpty().MaximumLength(UserConfig.EmailMaxLength).EmailAddress()
            .WithMessage("Invalid Email");
        RuleFor(c => c.AccountName)
            .NotEmpty().MaximumLength(UserConfig.AccountNameMaxLength)
            .WithMessage("Invalid AccountName");
    }
}
