namespace ChannelBridge.Application.Common.Linnworks;

/// <summary>
/// A Linnworks request that carries items Linnworks expects an answer for, one each (Despatch: every
/// ReferenceNumber; InventoryUpdate and PriceUpdate: every SKU). An item left out reads to Linnworks as
/// "not found", so whatever stops the call — a bad token, the rate limit, validation, the deadline, a
/// busy database, a full queue — it is answered through <see cref="AnswerEveryItem"/>, never with an empty list.
/// </summary>
public interface IAnswersEveryItem<out TResponse>
    where TResponse : LinnworksResponse
{
    /// <param name="error">The reason, set as the call's Error and on every item.</param>
    /// <param name="transient">The cause will pass (Linnworks should send the items again): Despatch sets Retry.</param>
    TResponse AnswerEveryItem(string error, bool transient);
}
