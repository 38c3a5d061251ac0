using ChannelBridge.Domain.UserConfigs;
using FluentValidation;

namespace ChannelBridge.Application.Config.AddNewUser;

/// <summary>
/// Rejects malformed input at the boundary with the sample server's messages, using the domain's own
/// rules. AccountName and Email are never checked for uniqueness: a seller may integrate many times.
/// </summary>
internal sealed class AddNewUserCommandValidator : AbstractValidator<AddNewUserCommand>
{
    public AddNewUserCommandValidator()
    {
        RuleFor(c => c.LinnworksUniqueIdentifier).Must(UserConfig.IsValidLinnworksUniqueIdentifier).WithMessage("Invalid LinnworksUniqueIdentifier");
        RuleFor(c => c.Email).Must(UserConfig.IsValidEmail).WithMessage("Invalid Email");
        RuleFor(c => c.AccountName).Must(UserConfig.IsValidAccountName).WithMessage("Invalid AccountName");
    }
}
