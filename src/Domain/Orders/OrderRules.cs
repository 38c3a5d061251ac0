using ChannelBridge.Domain.Common;

namespace ChannelBridge.Domain.Orders;

/// <summary>
/// What Linnworks needs of an order to accept it (its required fields and known pitfalls). An order that breaks
/// one is rejected with every reason; nothing of it is stored.
/// </summary>
public static class OrderRules
{
    public const int ReferenceMaxLength = 100;

    /// <summary>
    /// The answer to a report (despatch, cancel, refund, status) whose reference, trimmed, is longer than any stored
    /// order's: no order has it. The reference is not echoed in the message: the caller sent it, at any size.
    /// </summary>
    public static readonly string ReferenceNamesNoOrder = $"ReferenceNumber is longer than {ReferenceMaxLength} characters, so no order has it.";

    /// <summary>Whether a reference, trimmed, is longer than any stored order's, so that looking it up cannot find one.</summary>
    public static bool NamesNoOrder(string trimmedReference) => trimmedReference.Length > ReferenceMaxLength;
    public const int MaxLines = 500;

    /// <summary>Text limits (characters) for every free-text field; an order over one is rejected with the field named.</summary>
    public const int ShortText = 100;
    public const int NameText = 255;
    public const int TitleText = 500;
    public const int LongText = 4000;
    public const int MaxOptionsPerLine = 50;
    public const int MaxExtendedProperties = 100;
    public const int MaxNotes = 100;

    /// <summary>
    /// The earliest date accepted from outside (order dates here, UTCTimeFrom in the Orders query): earlier ones
    /// are mistakes (an unset DateTime is 0001-01-01) and would mean different things to the two databases.
    /// </summary>
    public static readonly DateTime EarliestDate = new(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>
    /// The first date refused as too late: no order is placed, paid, due or noted that far ahead, and a date near the last
    /// one .NET has (9999-12-31, a sentinel some platforms send) leaves no room for the defaults added to it (ADR-008).
    /// </summary>
    public static readonly DateTime LatestDate = new(2100, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>All the text of one order together, so a page of orders stays bounded in bytes.</summary>
    public const int MaxOrderTextChars = 256 * 1024;

    /// <summary>Linnworks' enums, in their numeric order (an order serialised from Linnworks' own class sends numbers).</summary>
    public static readonly IReadOnlyList<string> PaymentStatuses = [PaymentStatus.Paid, PaymentStatus.Unpaid, PaymentStatus.Cancelled];
    public static readonly IReadOnlyList<string> DiscountTypes = ["AllEvenly", "ItemsThenPostage", "PostageThenItems"];
    public static readonly IReadOnlyList<string> CancelStatuses = ["NONE", "CANCELLED"];

    /// <summary>
    /// Checks the order and returns it normalised: upper-case statuses, CANCELED → CANCELLED, an unset optional date
    /// (0001-01-01) as absent, money rounded to <see cref="Money.Decimals"/> places.
    /// </summary>
    /// <remarks>
    /// Every order of every batch passes through here, and almost none breaks a rule: the checks walk the order
    /// without building collections of it, and a message is put together only for a rule that is broken.
    /// </remarks>
    public static Result<OrderContent> Validate(OrderContent order)
    {
        order = WithUnsetDatesAbsent(order);
        var problems = new List<string>();
        AddReferenceProblems(order, problems);
        var paymentStatus = EnumName(order.PaymentStatus, PaymentStatuses);
        if (paymentStatus is null)
        {
            problems.Add($"PaymentStatus '{order.PaymentStatus}' is not one of PAID, UNPAID, CANCELLED (or 0, 1, 2).");
        }

        var discountType = string.IsNullOrWhiteSpace(order.DiscountType) ? "AllEvenly" : EnumName(order.DiscountType, DiscountTypes);
        if (discountType is null)
        {
            problems.Add($"DiscountType '{order.DiscountType}' is not one of {string.Join(", ", DiscountTypes)} (or 0, 1, 2).");
        }

        AddDateProblems(order, problems);
        AddTextProblems(order, problems);
        AddHeaderProblems(order, problems);
        var lines = NormalizedLines(order.OrderItems, problems);
        AddRepeatProblems(order, problems);

        return problems.Count > 0
            ? Result<OrderContent>.Failure([.. problems.Select(Error.Validation)])
            : order with
            {
                ReferenceNumber = order.ReferenceNumber.Trim(),
                PaymentStatus = paymentStatus!,
                DiscountType = discountType,
                Currency = string.IsNullOrWhiteSpace(order.Currency) ? null : order.Currency.Trim().ToUpperInvariant(),
                MatchPostalServiceTag = order.MatchPostalServiceTag?.Trim(),
                MatchPaymentMethodTag = order.MatchPaymentMethodTag?.Trim(),
                PostalServiceCost = Money.Round(order.PostalServiceCost),
                Discount = Money.Round(order.Discount),
                BillingAddress = WithCountryCodeUpper(order.BillingAddress),
                DeliveryAddress = WithCountryCodeUpper(order.DeliveryAddress),
                OrderItems = lines,
            };
    }

    /// <summary>The address with its CountryCode trimmed and upper-cased, as ISO 3166 writes it (<c>gb</c> is <c>GB</c>), as the currency is.</summary>
    private static OrderAddress? WithCountryCodeUpper(OrderAddress? address)
    {
        var code = address?.CountryCode?.Trim().ToUpperInvariant();
        return address is null || string.Equals(code, address.CountryCode, StringComparison.Ordinal) ? address : address with { CountryCode = code };
    }

    /// <summary>
    /// PaidOn, DispatchBy and a note's date sent as <c>default(DateTime)</c> read as left out, so the same defaults apply
    /// (ReceivedDate stays: it is required, and an unset one is refused by name).
    /// </summary>
    private static OrderContent WithUnsetDatesAbsent(OrderContent order)
    {
        var unsetNotes = order.Notes.Any(n => n.NoteEntryDate is { } d && UnsetDate.IsUnset(d));
        if (!unsetNotes && UnsetDate.AbsentIfUnset(order.PaidOn) == order.PaidOn && UnsetDate.AbsentIfUnset(order.DispatchBy) == order.DispatchBy)
        {
            return order;
        }

        return order with
        {
            PaidOn = UnsetDate.AbsentIfUnset(order.PaidOn),
            DispatchBy = UnsetDate.AbsentIfUnset(order.DispatchBy),
            Notes = unsetNotes ? [.. order.Notes.Select(n => n with { NoteEntryDate = UnsetDate.AbsentIfUnset(n.NoteEntryDate) })] : order.Notes,
        };
    }

    private static void AddReferenceProblems(OrderContent order, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(order.ReferenceNumber))
        {
            problems.Add("ReferenceNumber is required.");
        }
        else if (order.ReferenceNumber.Length > ReferenceMaxLength)
        {
            problems.Add($"ReferenceNumber is longer than {ReferenceMaxLength} characters.");
        }
    }

    /// <summary>ReceivedDate is required and set; no date may be before <see cref="EarliestDate"/> or from <see cref="LatestDate"/> on.</summary>
    private static void AddDateProblems(OrderContent order, List<string> problems)
    {
        if (order.ReceivedDate is null)
        {
            problems.Add("ReceivedDate is required (when the order was placed, UTC).");
        }
        else if (UnsetDate.IsUnset(order.ReceivedDate.Value))
        {
            problems.Add("ReceivedDate is unset (0001-01-01, a default DateTime); send when the order was placed (UTC).");
            return;
        }

        AddIfOutOfRange("ReceivedDate", order.ReceivedDate, problems);
        AddIfOutOfRange("PaidOn", order.PaidOn, problems);
        AddIfOutOfRange("DispatchBy", order.DispatchBy, problems);
        foreach (var note in order.Notes)
        {
            AddIfOutOfRange("Notes.NoteEntryDate", note.NoteEntryDate, problems);
        }

        static void AddIfOutOfRange(string field, DateTime? date, List<string> problems)
        {
            if (date < EarliestDate)
            {
                problems.Add($"{field} {date:yyyy-MM-dd} is before {EarliestDate:yyyy-MM-dd}; send the real date or leave it out.");
            }
            else if (date >= LatestDate)
            {
                problems.Add($"{field} {date:yyyy-MM-dd} is after {LatestDate.AddDays(-1):yyyy-MM-dd}; send the real date or leave it out.");
            }
        }
    }

    /// <summary>An address, an ISO currency, no negative amounts, and between 1 and <see cref="MaxLines"/> lines.</summary>
    private static void AddHeaderProblems(OrderContent order, List<string> problems)
    {
        if ((order.BillingAddress?.IsBlank() ?? true) && (order.DeliveryAddress?.IsBlank() ?? true))
        {
            problems.Add("The order has no address: send a DeliveryAddress or a BillingAddress.");
        }

        if (order.Currency?.Trim() is { Length: > 0 } currency && (currency.Length != 3 || !char.IsAsciiLetter(currency[0]) || !char.IsAsciiLetter(currency[1]) || !char.IsAsciiLetter(currency[2])))
        {
            problems.Add($"Currency '{currency}' is not an ISO 4217 code.");
        }

        if (order.PostalServiceCost < 0 || order.Discount < 0)
        {
            problems.Add("PostalServiceCost and Discount cannot be negative.");
        }
        else if (order.PostalServiceCost > Money.Max || order.Discount > Money.Max)
        {
            problems.Add($"PostalServiceCost and Discount cannot be more than {Money.Max}.");
        }

        AddIfNotAPercent(null, "PostalServiceTaxRate", order.PostalServiceTaxRate, problems);

        if (order.OrderItems.Count == 0)
        {
            problems.Add("The order has no OrderItems.");
        }
        else if (order.OrderItems.Count > MaxLines)
        {
            problems.Add($"The order has more than {MaxLines} OrderItems.");
        }
    }

    private static List<OrderLine> NormalizedLines(IReadOnlyList<OrderLine> items, List<string> problems)
    {
        var lines = new List<OrderLine>(items.Count);
        foreach (var line in items)
        {
            lines.Add(NormalizedLine(line, problems));
        }

        return lines;
    }

    /// <summary>
    /// The line with its CancelStatus normalised, its price rounded and its SKU trimmed (as a listing's is, so Linnworks
    /// links the line to the listing the SKU names); what is wrong with it is added to <paramref name="problems"/>.
    /// </summary>
    private static OrderLine NormalizedLine(OrderLine line, List<string> problems)
    {
        AddLineProblems(line, problems);
        foreach (var name in Repeated(line.Options, static o => o.Name, StringComparer.OrdinalIgnoreCase))
        {
            problems.Add($"{Label(line)} repeats option '{name}'.");
        }

        var cancel = string.IsNullOrWhiteSpace(line.CancelStatus) ? "NONE" : EnumName(line.CancelStatus, CancelStatuses);
        if (cancel is null)
        {
            problems.Add($"{Label(line)} has CancelStatus '{line.CancelStatus}'; use NONE or CANCELLED (or 0, 1).");
        }

        return line with { SKU = line.SKU?.Trim(), CancelStatus = cancel ?? line.CancelStatus, PricePerUnit = Money.Round(line.PricePerUnit) };
    }

    private static void AddLineProblems(OrderLine line, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(line.OrderLineNumber))
        {
            problems.Add("Every OrderItem needs an OrderLineNumber.");
        }

        if (string.IsNullOrWhiteSpace(line.SKU))
        {
            problems.Add($"{Label(line)} has an empty SKU.");
        }

        if (line.Qty <= 0)
        {
            problems.Add($"{Label(line)} has Qty {line.Qty}; it must be greater than 0.");
        }

        if (line.PricePerUnit < 0)
        {
            problems.Add($"{Label(line)} has a negative PricePerUnit.");
        }
        else if (line.PricePerUnit > Money.Max)
        {
            problems.Add($"{Label(line)} has a PricePerUnit of more than {Money.Max}.");
        }

        AddIfNotAPercent(line, "TaxRate", line.TaxRate, problems);
        AddIfNotAPercent(line, "LinePercentDiscount", line.LinePercentDiscount, problems);

        if (line.IsService && string.IsNullOrWhiteSpace(line.ItemTitle))
        {
            problems.Add($"{Label(line)} is a service and needs an ItemTitle.");
        }
    }

    /// <summary>
    /// A rate or a discount is a percent, from 0 to 100 (a fraction such as 0.2 is in range too, and read as sent).
    /// Money has <see cref="Money.Max"/>; a percent past 100 is a mistake Linnworks would compute taxes and totals from.
    /// </summary>
    private static void AddIfNotAPercent(OrderLine? line, string field, decimal percent, List<string> problems)
    {
        if (percent is < 0 or > 100)
        {
            problems.Add($"{(line is null ? string.Empty : Label(line) + ": ")}{field} is {percent}; a percent is from 0 to 100.");
        }
    }

    /// <summary>How a line is named in a message (put together only for a broken rule).</summary>
    private static string Label(OrderLine line) => string.IsNullOrWhiteSpace(line.OrderLineNumber) ? "An order line" : $"Line {line.OrderLineNumber}";

    /// <summary>What Linnworks refuses to see twice in one order: line numbers, service titles, extended property names.</summary>
    private static void AddRepeatProblems(OrderContent order, List<string> problems)
    {
        foreach (var number in Repeated(order.OrderItems, static l => l.OrderLineNumber, StringComparer.Ordinal, static l => !string.IsNullOrWhiteSpace(l.OrderLineNumber)))
        {
            problems.Add($"OrderLineNumber '{number}' appears more than once.");
        }

        foreach (var title in Repeated(order.OrderItems, static l => l.ItemTitle, StringComparer.OrdinalIgnoreCase, static l => l.IsService && !string.IsNullOrWhiteSpace(l.ItemTitle)))
        {
            problems.Add($"Service line title '{title}' appears more than once.");
        }

        foreach (var name in Repeated(order.ExtendedProperties, static p => p.Name, StringComparer.OrdinalIgnoreCase))
        {
            problems.Add($"ExtendedProperty '{name}' appears more than once.");
        }

        if (order.ExtendedProperties.Any(static p => string.IsNullOrWhiteSpace(p.Name)))
        {
            problems.Add("Every ExtendedProperty needs a Name.");
        }
    }

    /// <summary>Up to this many items are compared pairwise, which needs no memory; more are grouped.</summary>
    private const int PairwiseRepeatLimit = 16;

    /// <summary>
    /// Each key that two or more of the items (those <paramref name="include"/> takes) have, once, in the order of its
    /// first appearance and as it first appears.
    /// </summary>
    private static IReadOnlyList<string?> Repeated<T>(IReadOnlyList<T> items, Func<T, string?> key, StringComparer comparer, Func<T, bool>? include = null)
    {
        if (items.Count > PairwiseRepeatLimit)
        {
            return RepeatedGrouped(items, key, comparer, include);
        }

        List<string?>? repeated = null;
        for (var i = 0; i < items.Count; i++)
        {
            if (include?.Invoke(items[i]) == false)
            {
                continue;
            }

            var value = key(items[i]);
            if (!Has(items, 0, i, value, key, comparer, include) && Has(items, i + 1, items.Count, value, key, comparer, include))
            {
                (repeated ??= []).Add(value);
            }
        }

        return repeated ?? (IReadOnlyList<string?>)[];
    }

    /// <summary>Whether an item (of those <paramref name="include"/> takes) in [from, to) has the key <paramref name="value"/>.</summary>
    private static bool Has<T>(IReadOnlyList<T> items, int from, int to, string? value, Func<T, string?> key, StringComparer comparer, Func<T, bool>? include)
    {
        for (var j = from; j < to; j++)
        {
            if (include?.Invoke(items[j]) != false && comparer.Equals(key(items[j]), value))
            {
                return true;
            }
        }

        return false;
    }

    private static List<string?> RepeatedGrouped<T>(IReadOnlyList<T> items, Func<T, string?> key, StringComparer comparer, Func<T, bool>? include) =>
        [.. items.Where(item => include?.Invoke(item) ?? true).Select(key).GroupBy(k => k, comparer).Where(g => g.Skip(1).Any()).Select(g => g.Key)];

    /// <summary>The enum member named (any case; CANCELED for CANCELLED) or numbered by <paramref name="text"/>, or null.</summary>
    private static string? EnumName(string? text, IReadOnlyList<string> names)
    {
        var t = text?.Trim() ?? string.Empty;
        if (int.TryParse(t, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n))
        {
            return n < names.Count ? names[n] : null;
        }

        if (t.Equals("CANCELED", StringComparison.OrdinalIgnoreCase))
        {
            t = PaymentStatus.Cancelled;
        }

        foreach (var name in names)
        {
            if (name.Equals(t, StringComparison.OrdinalIgnoreCase))
            {
                return name;
            }
        }

        return null;
    }

    /// <summary>Too many options, extended properties or notes; any text over its limit; all the text over the order's limit.</summary>
    private static void AddTextProblems(OrderContent order, List<string> problems)
    {
        AddCountProblems(order, problems);
        var text = new TextLimits(problems);
        text.CheckOrder(order);
        text.CheckTotal();
    }

    private static void AddCountProblems(OrderContent order, List<string> problems)
    {
        foreach (var line in order.OrderItems)
        {
            if (line.Options.Count > MaxOptionsPerLine)
            {
                problems.Add($"OrderItems[{line.OrderLineNumber}] has more than {MaxOptionsPerLine} Options.");
            }
        }

        if (order.ExtendedProperties.Count > MaxExtendedProperties)
        {
            problems.Add($"The order has more than {MaxExtendedProperties} ExtendedProperties.");
        }

        if (order.Notes.Count > MaxNotes)
        {
            problems.Add($"The order has more than {MaxNotes} Notes.");
        }
    }

    /// <summary>
    /// Each text of the order against its limit, and all of them together against <see cref="MaxOrderTextChars"/>. A
    /// field's name ("OrderItems[2].SKU", "BillingAddress.Town") is put together only when it is reported.
    /// </summary>
    private sealed class TextLimits(List<string> problems)
    {
        private long _total;

        public void CheckOrder(OrderContent order)
        {
            Check("ExternalReference", order.ExternalReference, ShortText);
            Check("SecondaryReferenceNumber", order.SecondaryReferenceNumber, ShortText);
            Check("ChannelBuyerName", order.ChannelBuyerName, NameText);
            Check("Site", order.Site, ShortText);
            Check("MatchPostalServiceTag", order.MatchPostalServiceTag, NameText);
            Check("MatchPaymentMethodTag", order.MatchPaymentMethodTag, NameText);
            Check("MarketplaceTaxId", order.MarketplaceTaxId, ShortText);
            Check("MarketplaceIoss", order.MarketplaceIoss, ShortText);
            Check("BuyerTaxNumber", order.BuyerTaxNumber, ShortText);
            CheckAddress("BillingAddress", order.BillingAddress);
            CheckAddress("DeliveryAddress", order.DeliveryAddress);
            foreach (var line in order.OrderItems)
            {
                var at = line.OrderLineNumber;
                Check("OrderLineNumber", line.OrderLineNumber, ShortText, at, isLine: true);
                Check("SKU", line.SKU, ShortText, at, isLine: true);
                Check("ItemTitle", line.ItemTitle, TitleText, at, isLine: true);
                foreach (var option in line.Options)
                {
                    Check("Options.Name", option.Name, NameText, at, isLine: true);
                    Check("Options.Value", option.Value, TitleText, at, isLine: true);
                }
            }

            foreach (var property in order.ExtendedProperties)
            {
                Check("ExtendedProperties.Name", property.Name, NameText);
                Check("ExtendedProperties.Value", property.Value, LongText);
                Check("ExtendedProperties.Type", property.Type, NameText);
            }

            foreach (var note in order.Notes)
            {
                Check("Notes.Note", note.Note, LongText);
                Check("Notes.NoteUserName", note.NoteUserName, NameText);
            }
        }

        public void Check(string field, string? value, int max, string? scope = null, bool isLine = false)
        {
            if (value is null)
            {
                return;
            }

            _total += value.Length;
            if (value.Length > max)
            {
                var name = scope is null ? field : isLine ? $"OrderItems[{scope}].{field}" : $"{scope}.{field}";
                problems.Add($"{name} is longer than {max} characters ({value.Length}).");
            }
        }

        public void CheckAddress(string name, OrderAddress? a)
        {
            if (a is null)
            {
                return;
            }

            Check("FullName", a.FullName, NameText, name);
            Check("Company", a.Company, NameText, name);
            Check("Address1", a.Address1, NameText, name);
            Check("Address2", a.Address2, NameText, name);
            Check("Address3", a.Address3, NameText, name);
            Check("Town", a.Town, NameText, name);
            Check("Region", a.Region, NameText, name);
            Check("PostCode", a.PostCode, ShortText, name);
            Check("Country", a.Country, NameText, name);
            Check("CountryCode", a.CountryCode, ShortText, name);
            Check("PhoneNumber", a.PhoneNumber, ShortText, name);
            Check("EmailAddress", a.EmailAddress, NameText, name);
        }

        public void CheckTotal()
        {
            if (_total > MaxOrderTextChars)
            {
                problems.Add($"The order's text totals {_total} characters; at most {MaxOrderTextChars} are accepted.");
            }
        }
    }
}
