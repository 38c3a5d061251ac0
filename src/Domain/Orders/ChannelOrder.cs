using ChannelBridge.Domain.Common;

namespace ChannelBridge.Domain.Orders;

/// <summary>
/// An order of one store: the content the channel sent (replaced as a whole, versioned by a hash of
/// it) and what Linnworks reported back — despatched and cancelled quantities per line.
/// </summary>
public sealed class ChannelOrder
{
    private Dictionary<string, int> _despatched = new(StringComparer.Ordinal);
    private Dictionary<string, int> _cancelled = new(StringComparer.Ordinal);

    // The content as stored, read when first asked for: an order sent again unchanged is answered from its hash,
    // and one sent changed is replaced whole, so neither reads what was stored.
    private Func<OrderContent>? _readContent;
    private OrderContent? _content;

    private ChannelOrder(
        long id, string storeId, string referenceNumber, OrderContent? content, Func<OrderContent>? readContent, string contentHash, DateTime firstSeenUtc,
        DateTime lastChangedUtc, OrderStatus status, int version)
    {
        Id = id;
        StoreId = storeId;
        ReferenceNumber = referenceNumber;
        _content = content;
        _readContent = readContent;
        ContentHash = contentHash;
        FirstSeenUtc = firstSeenUtc;
        LastChangedUtc = lastChangedUtc;
        Status = status;
        Version = version;
    }

    /// <summary>0 until stored.</summary>
    public long Id { get; private set; }

    public string StoreId { get; }

    public string ReferenceNumber { get; }

    public OrderContent Content
    {
        get
        {
            if (_content is null)
            {
                _content = _readContent!();
                _readContent = null;
            }

            return _content;
        }

        private set
        {
            _content = value;
            _readContent = null;
        }
    }

    /// <summary>Hash of the content as the channel sent it; equal hashes mean an unchanged order.</summary>
    public string ContentHash { get; private set; }

    public DateTime FirstSeenUtc { get; }

    public DateTime LastChangedUtc { get; private set; }

    public OrderStatus Status { get; private set; }

    public int Version { get; private set; }

    /// <summary>
    /// The characters of its content as the store holds it (0 until stored): what a change adds to, or takes from, the
    /// store's share of the storage (<see cref="Stores.StoreSizeLimit"/>).
    /// </summary>
    public long StoredChars { get; internal set; }

    /// <summary>When the buyer's personal data was erased from this order (<see cref="ErasePersonalData"/>); null while it holds it.</summary>
    public DateTime? ErasedUtc { get; private set; }

    /// <summary>Despatched or cancelled in full: nothing more will happen to it, so its personal data can go once retention passes.</summary>
    public bool IsFinished => Status is OrderStatus.Despatched or OrderStatus.Cancelled;

    public IReadOnlyDictionary<string, int> DespatchedQuantities => _despatched;

    public IReadOnlyDictionary<string, int> CancelledQuantities => _cancelled;

    /// <summary>A new order from the channel. <paramref name="content"/> must have passed <see cref="OrderRules.Validate"/>.</summary>
    public static ChannelOrder Receive(string storeId, OrderContent content, string contentHash, DateTime utcNow) =>
        new(0, storeId, content.ReferenceNumber, content, null, contentHash, utcNow, utcNow, OrderStatus.Open, 0);

    /// <summary>The channel sent the order again; returns false (and changes nothing) if its content is the same.</summary>
    public bool Replace(OrderContent content, string contentHash, DateTime utcNow)
    {
        if (!TakeContent(content, contentHash, utcNow))
        {
            return false;
        }

        ErasedUtc = null;   // the channel changed the order: what it sent now is what is held, until erased again
        return true;
    }

    /// <summary>
    /// The channel changed only the order's payment status (and PaidOn): <paramref name="content"/> is the stored content
    /// with them changed. As <see cref="Replace"/>: false when nothing changed. An erased order's cannot change: Linnworks
    /// never downloads an erased order again, so a cancellation would reach nobody while the channel was told it was stored,
    /// and its hash, the order's as the channel sent it, would be lost, so the same order sent again would no longer be
    /// Unchanged. The channel sends the whole order again instead, which Linnworks downloads.
    /// </summary>
    public Result<bool> ChangePaymentStatus(OrderContent content, string contentHash, DateTime utcNow)
    {
        if (ErasedUtc is null)
        {
            return TakeContent(content, contentHash, utcNow);
        }

        return content.PaymentStatus == Content.PaymentStatus && content.PaidOn == Content.PaidOn
            ? false
            : Result<bool>.Failure(Error.Validation(
                $"Order {ReferenceNumber}'s buyer data was erased, and Linnworks does not download an erased order again: send the whole order (POST …/orders) to change its payment status."));
    }

    /// <summary>Holds <paramref name="content"/> unless its hash is the one held; a cancelled open order becomes Cancelled.</summary>
    private bool TakeContent(OrderContent content, string contentHash, DateTime utcNow)
    {
        if (!string.Equals(content.ReferenceNumber, ReferenceNumber, StringComparison.Ordinal))
        {
            throw new ArgumentException($"Order {ReferenceNumber} cannot be replaced by order {content.ReferenceNumber}.", nameof(content));
        }

        if (contentHash == ContentHash)
        {
            return false;
        }

        Content = content;
        ContentHash = contentHash;
        LastChangedUtc = utcNow;
        if (Status == OrderStatus.Open && content.PaymentStatus == PaymentStatus.Cancelled)
        {
            Status = OrderStatus.Cancelled;
        }

        return true;
    }

    /// <summary>
    /// Linnworks shipped (part of) the order. Lines are matched by OrderLineNumber, else by SKU with both sides trimmed (a
    /// line stored by an earlier version may keep its spacing); no lines means all of it.
    /// </summary>
    public Result RecordDespatch(IReadOnlyList<PostSaleLine> items, DateTime utcNow) => AddQuantities(_despatched, items, utcNow);

    /// <summary>Linnworks cancelled the order, or some of its lines; no lines means all of it.</summary>
    public Result RecordCancellation(IReadOnlyList<PostSaleLine> items, DateTime utcNow) => AddQuantities(_cancelled, items, utcNow);

    /// <summary>Linnworks refunded (part of) the order; only checks that named lines exist.</summary>
    public Result RecordRefund(IReadOnlyList<PostSaleLine> items, DateTime utcNow)
    {
        var resolved = Resolve(items);
        if (resolved.IsFailure)
        {
            return resolved;
        }

        LastChangedUtc = utcNow;
        return Result.Success();
    }

    /// <summary>Called by the repository after a successful save.</summary>
    /// <summary>
    /// Empties the buyer's personal data (<see cref="PersonalData.WithoutPersonalData"/>). The content hash stays that of
    /// the order as the channel sent it, so the same order sent again is Unchanged and brings nothing back. False when
    /// already erased.
    /// </summary>
    public bool ErasePersonalData(DateTime utcNow)
    {
        if (ErasedUtc is not null)
        {
            return false;
        }

        Content = Content.WithoutPersonalData();
        ErasedUtc = utcNow;
        return true;
    }

    internal void MarkSaved(long id, long storedChars)
    {
        Id = id;
        Version++;
        StoredChars = storedChars;
    }

    internal static ChannelOrder Rehydrate(
        long id, string storeId, OrderContent content, string contentHash, DateTime firstSeenUtc, DateTime lastChangedUtc, OrderStatus status,
        int version, IReadOnlyDictionary<string, int> despatched, IReadOnlyDictionary<string, int> cancelled, DateTime? erasedUtc = null) =>
        Rehydrate(id, storeId, content.ReferenceNumber, () => content, contentHash, firstSeenUtc, lastChangedUtc, status, version, despatched, cancelled, erasedUtc);

    /// <summary>A stored order whose content <paramref name="readContent"/> reads when it is first asked for.</summary>
    internal static ChannelOrder Rehydrate(
        long id, string storeId, string referenceNumber, Func<OrderContent> readContent, string contentHash, DateTime firstSeenUtc, DateTime lastChangedUtc,
        OrderStatus status, int version, IReadOnlyDictionary<string, int> despatched, IReadOnlyDictionary<string, int> cancelled, DateTime? erasedUtc = null) =>
        new(id, storeId, referenceNumber, null, readContent, contentHash, firstSeenUtc, lastChangedUtc, status, version)
        {
            _despatched = new Dictionary<string, int>(despatched, StringComparer.Ordinal),
            _cancelled = new Dictionary<string, int>(cancelled, StringComparer.Ordinal),
            ErasedUtc = erasedUtc,
        };

    private Result AddQuantities(Dictionary<string, int> quantities, IReadOnlyList<PostSaleLine> items, DateTime utcNow)
    {
        var resolved = Resolve(items);
        if (!resolved.TryGetValue(out var lines))
        {
            return resolved;
        }

        if (lines.Count == 0)
        {
            lines = [.. Content.OrderItems.Select(l => (l.OrderLineNumber, l.Qty))];
        }

        foreach (var (line, quantity) in lines)
        {
            // Kept as reported, more than the line's Qty too, but never past int.MaxValue: a sum that wrapped round to a
            // negative would turn a shipped order open again.
            quantities[line] = (int)Math.Min((long)quantities.GetValueOrDefault(line) + quantity, int.MaxValue);
        }

        UpdateStatus();
        LastChangedUtc = utcNow;
        return Result.Success();
    }

    /// <summary>Cancelled when every unit is cancelled; despatched when every unit is despatched or cancelled.</summary>
    private void UpdateStatus()
    {
        int Despatched(OrderLine l) => _despatched.GetValueOrDefault(l.OrderLineNumber);
        int Cancelled(OrderLine l) => _cancelled.GetValueOrDefault(l.OrderLineNumber);
        var lines = Content.OrderItems;
        Status = lines.All(l => Cancelled(l) >= l.Qty) ? OrderStatus.Cancelled
            : lines.All(l => Despatched(l) + Cancelled(l) >= l.Qty) ? OrderStatus.Despatched
            : lines.Any(l => Despatched(l) > 0) ? OrderStatus.PartiallyDespatched
            : Status == OrderStatus.Cancelled ? OrderStatus.Cancelled : OrderStatus.Open;
    }

    private Result<List<(string Line, int Quantity)>> Resolve(IReadOnlyList<PostSaleLine> items)
    {
        var errors = new List<Error>();
        var lines = new List<(string, int)>();
        foreach (var item in items)
        {
            var line = Content.OrderItems.FirstOrDefault(l => !string.IsNullOrEmpty(item.OrderLineNumber) && l.OrderLineNumber == item.OrderLineNumber)
                ?? Content.OrderItems.FirstOrDefault(l => string.IsNullOrEmpty(item.OrderLineNumber) && string.Equals(l.SKU?.Trim(), item.SKU?.Trim(), StringComparison.Ordinal));
            if (line is null)
            {
                errors.Add(Error.Validation($"Order {ReferenceNumber} has no line {item.OrderLineNumber ?? item.SKU}."));
            }
            else if (item.Quantity < 0)
            {
                errors.Add(Error.Validation($"Line {line.OrderLineNumber} of order {ReferenceNumber} has a negative quantity."));
            }
            else
            {
                lines.Add((line.OrderLineNumber, item.Quantity));
            }
        }

        return errors.Count > 0 ? Result<List<(string, int)>>.Failure(errors) : lines;
    }
}
