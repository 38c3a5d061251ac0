using ChannelBridge.Application.Common.Ports;

namespace ChannelBridge.Api.Infrastructure;

/// <summary>Reads the OAuth bearer from the current request's Authorization header, and the caller's address.</summary>
public sealed class RequestCredentials(IHttpContextAccessor accessor) : IRequestCredentials
{
    public string? BearerToken
    {
        get
        {
            var header = accessor.HttpContext?.Request.Headers.Authorization.ToString();
            return header is not null && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
        }
    }

    public string? ClientAddress => accessor.HttpContext is { } context ? Infrastructure.ClientAddress.Of(context) : null;
}
