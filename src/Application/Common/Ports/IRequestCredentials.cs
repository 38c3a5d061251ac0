namespace ChannelBridge.Application.Common.Ports;

/// <summary>Credentials that arrive beside the body: the OAuth bearer Linnworks sends when the OAuth option is used.</summary>
public interface IRequestCredentials
{
    /// <summary>The token of an <c>Authorization: Bearer</c> header, or null.</summary>
    string? BearerToken { get; }

    /// <summary>The caller's address (after forwarded headers from configured proxies), or null without HTTP.</summary>
    string? ClientAddress { get; }
}

/// <summary>For hosts without HTTP (benchmarks, tools): no bearer. The API registers the real one after it.</summary>
internal sealed class NoRequestCredentials : IRequestCredentials
{
    public string? BearerToken => null;

    public string? ClientAddress => null;
}
