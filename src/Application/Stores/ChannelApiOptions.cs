using System.ComponentModel.DataAnnotations;

namespace ChannelBridge.Application.Stores;

/// <summary>Section <c>ChannelApi</c>: the operator key that manages stores. Keep it in a secret store, not in appsettings.</summary>
public sealed class ChannelApiOptions
{
    public const string SectionName = "ChannelApi";
    public const int MinimumOperatorKeyLength = 32;

    [Required(ErrorMessage = "ChannelApi:OperatorKey is required: set it (for example through the ChannelApi__OperatorKey environment variable) to a random string of at least 32 characters.")]
    public string OperatorKey { get; set; } = string.Empty;
}
