namespace ChannelBridge.Domain.Common;

/// <summary>An aggregate was saved from a stale version: another request changed it first.</summary>
public sealed class ConcurrencyConflictException(string aggregate, string id)
    : Exception($"{aggregate} '{id}' was changed by another request.");
