using MediatR;

namespace ChannelBridge.Application.Config.IdentifyIntegration;

/// <summary>
/// Which integration a Linnworks call's AuthorizationToken belongs to, asked before the call waits for a turn (ADR-025),
/// from <paramref name="ClientAddress"/>. The answer is kept in the call's <see cref="Common.Calls.CallContext"/>, and the
/// pipeline's token check takes it instead of looking the token up again.
/// </summary>
public sealed record IdentifyIntegrationQuery(string Token, string? ClientAddress = null) : IRequest<IntegrationIdentity>;

/// <summary>
/// What the token names: an integration (<see cref="IntegrationId"/>, live or deleted, and <see cref="StoreId"/>, the store
/// it is linked to while it is live), nobody (<see cref="IsUnknown"/>), or nothing that can be looked up (empty, or longer
/// than any token), which the pipeline answers as a missing token.
/// </summary>
public sealed record IntegrationIdentity(string? IntegrationId, bool IsUnknown, string? StoreId = null)
{
    public static IntegrationIdentity Unknown { get; } = new(null, true);

    public static IntegrationIdentity NotLookedUp { get; } = new(null, false);
}
