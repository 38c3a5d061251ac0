using ChannelBridge.Application.Common.Linnworks;

namespace ChannelBridge.Application.Config.AddNewUser;

/// <summary>The seller pressed Integrate: create an integration and return its AuthorizationToken.</summary>
public sealed record AddNewUserCommand : ILinnworksRequest<AddNewUserResponse>
{
    /// <summary>The Linnworks customer account (a GUID); the same for every integration of that seller.</summary>
    public string? LinnworksUniqueIdentifier { get; init; }

    public string? Email { get; init; }

    public string? AccountName { get; init; }
}
