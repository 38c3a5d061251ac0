namespace ChannelBridge.Application.Common.Linnworks;

/// <summary>Marks a Linnworks request that carries the AuthorizationToken AddNewUser returned (all but AddNewUser).</summary>
public interface IRequireAuthToken
{
    string? AuthorizationToken { get; }
}
