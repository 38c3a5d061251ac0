namespace ChannelBridge.Application.Common.Linnworks;

/// <summary>Marks a Linnworks request that carries the AuthorizationToken AddNewUser returned (all but AddNewUser).</summary>
public interface IRequireAuthToken
{
    /// <summary>The longest token looked up: longer ones are answered as missing, without a lookup.</summary>
    const int MaxTokenLength = 512;

    string? AuthorizationToken { get; }
}
