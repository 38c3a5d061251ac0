using ChannelBridge.Domain.Common;
using ChannelBridge.Domain.Orders;
using MediatR;

namespace ChannelBridge.Application.PersonalData.EraseBuyerData;

/// <summary>
/// Erases at once, whatever the retention; the same request again changes nothing (AlreadyErased, or by email no order
/// carries the address any more). Every request is recorded in the store's erasure audit, without the email or the
/// references.
/// </summary>
internal sealed class EraseBuyerDataCommandHandler(
    Domain.Stores.IStoreRepository stores, IPersonalDataRepository data, PersonalDataEraser eraser, TimeProvider time)
    : IRequestHandler<EraseBuyerDataCommand, Result<EraseBuyerDataResponse>>
{
    public async Task<Result<EraseBuyerDataResponse>> Handle(EraseBuyerDataCommand request, CancellationToken cancellationToken)
    {
        if (await stores.GetAccessAsync(request.StoreId, cancellationToken) is null)
        {
            return Result<EraseBuyerDataResponse>.Failure(Error.NotFound($"Store '{request.StoreId}' was not found."));
        }

        var email = request.Email?.Trim();
        var references = email is null
            ? [.. request.References!.Select(r => r!.Trim())]
            : await data.FindByEmailAsync(request.StoreId, email, cancellationToken);
        Func<ChannelOrder, bool> applies = email is null ? _ => true : order => order.Content.HasEmail(email);

        var erased = await eraser.EraseAsync(request.StoreId, references, applies, cancellationToken);
        if (!erased.TryGetValue(out var outcomes))
        {
            return Result<EraseBuyerDataResponse>.Failure(erased.Errors);
        }

        var count = outcomes.Values.Count(o => o == ErasureOutcome.Erased);
        await data.RecordErasureAsync(new ErasureRecord(request.StoreId, time.GetUtcNow().UtcDateTime, ErasureRecord.Request, count, 0), cancellationToken);
        eraser.Record(request.StoreId, ErasureRecord.Request, count, 0);
        if (count > 0)
        {
            await eraser.ScrubAsync(cancellationToken);
        }

        // By email, an order that turned out not to carry it (a text match only) is not the buyer's: it is not listed.
        var listed = email is null ? references.Distinct(StringComparer.Ordinal) : references.Where(r => outcomes[r] != ErasureOutcome.NotFound);
        return new EraseBuyerDataResponse
        {
            Orders = [.. listed.Select(r => new OrderErasure { ReferenceNumber = r, Status = outcomes[r].ToString() })],
        };
    }
}
