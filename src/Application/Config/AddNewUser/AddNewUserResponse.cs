using ChannelBridge.Application.Common.Linnworks;

namespace ChannelBridge.Application.Config.AddNewUser;

public sealed class AddNewUserResponse : LinnworksResponse
{
    /// <summary>Sent by Linnworks on every later call of this integration. Shown only here; stored only as a hash.</summary>
    public string? AuthorizationToken { get; set; }
}
