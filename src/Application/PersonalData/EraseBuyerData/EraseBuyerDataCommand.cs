using ChannelBridge.Application.Stores;

namespace ChannelBridge.Application.PersonalData.EraseBuyerData;

/// <summary>
/// A buyer asked to be forgotten: erase the personal data of the store's orders that carry <paramref name="Email"/>, or
/// of the orders named by <paramref name="References"/> — now, whatever the retention.
/// </summary>
public sealed record EraseBuyerDataCommand(string StoreId, string? Email, IReadOnlyList<string?>? References) : IChannelRequest<EraseBuyerDataResponse>;

public sealed class EraseBuyerDataResponse
{
    /// <summary>By references: every reference sent, in order. By email: the orders that carried it.</summary>
    public IReadOnlyList<OrderErasure> Orders { get; init; } = [];
}

public sealed class OrderErasure
{
    public string ReferenceNumber { get; init; } = string.Empty;

    /// <summary>Erased (now), AlreadyErased (earlier; nothing personal was left), NotFound.</summary>
    public string Status { get; init; } = string.Empty;
}
