using AutoMapper;
using ChannelBridge.Domain.Orders;

namespace ChannelBridge.Application.Orders.GetOrders;

/// <summary>
/// What Linnworks receives where the channel sent nothing and Linnworks' type has no "absent"
/// (ADR-008): PaidOn is the ReceivedDate; DispatchBy is the ReceivedDate plus
/// <see cref="OrdersOptions.DispatchByDaysWhenAbsent"/>; a note without a date is dated ReceivedDate;
/// a missing address is a copy of the other one; a missing currency is the integration's DefaultCurrency.
/// </summary>
internal sealed record OrderDownloadDefaults(int DispatchByDays, string? DefaultCurrency)
{
    /// <summary>Maps a stored order to what Linnworks downloads, with every default filled in.</summary>
    public LinnworksOrder Map(OrderContent source, IMapper mapper)
    {
        var order = mapper.Map<LinnworksOrder>(source);
        // ReceivedDate is required on ingest; orders stored before that rule fall back to the Unix epoch.
        var received = Utc(source.ReceivedDate ?? DateTime.UnixEpoch);
        order.ReceivedDate = received;
        order.PaidOn = source.PaidOn is { } paid ? Utc(paid) : received;
        // Orders stored before OrderRules.LatestDate may carry a date too late to add days to.
        order.DispatchBy = source.DispatchBy is { } by ? Utc(by) : received <= DateTime.MaxValue.AddDays(-DispatchByDays) ? received.AddDays(DispatchByDays) : DateTime.MaxValue;
        order.Notes = [.. source.Notes.Select(n =>
        {
            var note = mapper.Map<LinnworksNote>(n);
            note.NoteEntryDate = n.NoteEntryDate is { } at ? Utc(at) : received;
            return note;
        })];
        if (order.Currency.Length == 0 && !string.IsNullOrWhiteSpace(DefaultCurrency))
        {
            order.Currency = DefaultCurrency;
        }

        return order;
    }

    private static DateTime Utc(DateTime value) => value.Kind switch
    {
        DateTimeKind.Local => value.ToUniversalTime(),
        _ => DateTime.SpecifyKind(value, DateTimeKind.Utc),
    };
}
