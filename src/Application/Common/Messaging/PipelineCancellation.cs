using MediatR;

namespace ChannelBridge.Application.Common.Messaging;

/// <summary>
/// MediatR 5.1.0 passes one CancellationToken to the whole pipeline, so a behaviour cannot hand inner
/// behaviours and the handler a shorter-lived token. This ambient slot carries the deadline token
/// down; <see cref="Current"/> combines it with the token the caller passed.
/// </summary>
public static class PipelineCancellation
{
    private static readonly AsyncLocal<CancellationToken?> Ambient = new();

    /// <summary>The deadline token of the running Linnworks request, or <paramref name="fallback"/> outside one.</summary>
    public static CancellationToken Current(CancellationToken fallback) =>
        Ambient.Value is { } token && token.CanBeCanceled ? token : fallback;

    internal static async Task<TResponse> Run<TResponse>(CancellationToken token, RequestHandlerDelegate<TResponse> next)
    {
        var previous = Ambient.Value;
        Ambient.Value = token;
        try
        {
            return await next();
        }
        finally
        {
            Ambient.Value = previous;
        }
    }
}
