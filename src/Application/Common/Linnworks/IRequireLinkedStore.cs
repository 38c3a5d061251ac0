namespace ChannelBridge.Application.Common.Linnworks;

/// <summary>
/// Marks a Linnworks request that works on the integration's store: the pipeline loads it into
/// <see cref="Calls.CallContext.Store"/> first, or answers the reason it may not be used (not linked,
/// gone, disabled, key rotated) without running the handler.
/// </summary>
public interface IRequireLinkedStore : IRequireAuthToken;

/// <summary>Marks ConfigDeleted: a call for an integration already deleted succeeds and changes nothing.</summary>
public interface IAcceptsDeletedIntegration : IRequireAuthToken;
