namespace ChannelBridge.Application.Stores.AuthenticateChannelKey;

/// <summary>An authenticated Channel API caller: the operator (all stores) or one store (its own, if active).</summary>
public sealed record ChannelCaller(bool IsOperator, string? StoreId)
{
    public static ChannelCaller Operator { get; } = new(true, null);

    public static ChannelCaller ForStore(string storeId) => new(false, storeId);

    public bool MayAccess(string storeId) => IsOperator || string.Equals(StoreId, storeId, StringComparison.Ordinal);
}
