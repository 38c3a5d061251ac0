using ChannelBridge.Domain.Common;

namespace ChannelBridge.Domain.Orders;

/// <summary>
/// What Linnworks needs of an order to accept it (its required fields and known pitfalls). An order that breaks
/// one is rejected with every reason; nothing of it is stored.
/// </summary>
public static class OrderRules
{
    public const int ReferenceMaxLength = 100;
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
    public static Result<OrderContent> Validate(OrderContent order)
    {
        order = WithUnsetDatesAbsent(order);
        var problems = new List<string>(ReferenceProblems(order));
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

        problems.AddRange(DateProblems(order));
        problems.AddRange(TextProblems(order));
        problems.AddRange(HeaderProblems(order));
        List<OrderLine> lines = [.. order.OrderItems.Select(line => NormalizedLine(line, problems))];
        problems.AddRange(RepeatProblems(order));

        return problems.Count > 0
            ? Result<OrderContent>.Failure([.. problems.Select(Error.Validation)])
            : order with
            {
                ReferenceNumber = order.ReferenceNumber.Trim(),
                PaymentStatus = paymentStatus!,
                DiscountType = discountType,
                Currency = string.IsNullOrWhiteSpace(order.Currency) ? null : order.Currency.ToUpperInvariant(),
                PostalServiceCost = Money.Round(order.PostalServiceCost),
                Discount = Money.Round(order.Discount),
                OrderItems = lines,
            };
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

    private static IEnumerable<string> ReferenceProblems(OrderContent order)
    {
        if (string.IsNullOrWhiteSpace(order.ReferenceNumber))
        {
            yield return "ReferenceNumber is required.";
        }
        else if (order.ReferenceNumber.Length > ReferenceMaxLength)
        {
            yield return $"ReferenceNumber is longer than {ReferenceMaxLength} characters.";
        }
    }

    /// <summary>ReceivedDate is required and set; no date may be before <see cref="EarliestDate"/>.</summary>
    private static IEnumerable<string> DateProblems(OrderContent order)
    {
        if (order.ReceivedDate is null)
        {
            yield return "ReceivedDate is required (when the order was placed, UTC).";
        }
        else if (UnsetDate.IsUnset(order.ReceivedDate.Value))
        {
            yield return "ReceivedDate is unset (0001-01-01, a default DateTime); send when the order was placed (UTC).";
            yield break;
        }

        foreach (var (field, date) in new[] { ("ReceivedDate", order.ReceivedDate), ("PaidOn", order.PaidOn), ("DispatchBy", order.DispatchBy) }
                     .Concat(order.Notes.Select(n => ("Notes.NoteEntryDate", n.NoteEntryDate))))
        {
            if (date < EarliestDate)
            {
                yield return $"{field} {date:yyyy-MM-dd} is before {EarliestDate:yyyy-MM-dd}; send the real date or leave it out.";
            }
        }
    }

    /// <summary>An address, an ISO currency, no negative amounts, and between 1 and <see cref="MaxLines"/> lines.</summary>
    private static IEnumerable<string> HeaderProblems(OrderContent order)
    {
        if ((order.BillingAddress?.IsBlank() ?? true) && (order.DeliveryAddress?.IsBlank() ?? true))
        {
            yield return "The order has no address: send a DeliveryAddress or a BillingAddress.";
        }

        if (order.Currency is { Length: > 0 } currency && (currency.Length != 3 || !currency.All(char.IsAsciiLetter)))
        {
            yield return $"Currency '{currency}' is not an ISO 4217 code.";
        }

        if (order.PostalServiceCost < 0 || order.Discount < 0)
        {
            yield return "PostalServiceCost and Discount cannot be negative.";
        }

        if (order.OrderItems.Count == 0)
        {
            yield return "The order has no OrderItems.";
        }
        else if (order.OrderItems.Count > MaxLines)
        {
            yield return $"The order has more than {MaxLines} OrderItems.";
        }
    }

    /// <summary>The line with its CancelStatus normalised; what is wrong with it is added to <paramref name="problems"/>.</summary>
    private static OrderLine NormalizedLine(OrderLine line, List<string> problems)
    {
        var label = string.IsNullOrWhiteSpace(line.OrderLineNumber) ? "An order line" : $"Line {line.OrderLineNumber}";
        if (string.IsNullOrWhiteSpace(line.OrderLineNumber))
        {
            problems.Add("Every OrderItem needs an OrderLineNumber.");
        }

        if (string.IsNullOrWhiteSpace(line.SKU))
        {
            problems.Add($"{label} has an empty SKU.");
        }

        if (line.Qty <= 0)
        {
            problems.Add($"{label} has Qty {line.Qty}; it must be greater than 0.");
        }

        if (line.PricePerUnit < 0)
        {
            problems.Add($"{label} has a negative PricePerUnit.");
        }

        if (line.IsService && string.IsNullOrWhiteSpace(line.ItemTitle))
        {
            problems.Add($"{label} is a service and needs an ItemTitle.");
        }

        problems.AddRange(Repeated(line.Options.Select(o => o.Name), StringComparer.OrdinalIgnoreCase).Select(name => $"{label} repeats option '{name}'."));
        var cancel = string.IsNullOrWhiteSpace(line.CancelStatus) ? "NONE" : EnumName(line.CancelStatus, CancelStatuses);
        if (cancel is null)
        {
            problems.Add($"{label} has CancelStatus '{line.CancelStatus}'; use NONE or CANCELLED (or 0, 1).");
        }

        return line with { CancelStatus = cancel ?? line.CancelStatus, PricePerUnit = Money.Round(line.PricePerUnit) };
    }

    /// <summary>What Linnworks refuses to see twice in one order: line numbers, service titles, extended property names.</summary>
    private static IEnumerable<string> RepeatProblems(OrderContent order)
    {
        var numbers = order.OrderItems.Where(l => !string.IsNullOrWhiteSpace(l.OrderLineNumber)).Select(l => l.OrderLineNumber);
        var serviceTitles = order.OrderItems.Where(l => l.IsService && !string.IsNullOrWhiteSpace(l.ItemTitle)).Select(l => l.ItemTitle);
        return Repeated(numbers, StringComparer.Ordinal).Select(n => $"OrderLineNumber '{n}' appears more than once.")
            .Concat(Repeated(serviceTitles, StringComparer.OrdinalIgnoreCase).Select(t => $"Service line title '{t}' appears more than once."))
            .Concat(Repeated(order.ExtendedProperties.Select(p => p.Name), StringComparer.OrdinalIgnoreCase).Select(n => $"ExtendedProperty '{n}' appears more than once."))
            .Concat(order.ExtendedProperties.Any(p => string.IsNullOrWhiteSpace(p.Name)) ? ["Every ExtendedProperty needs a Name."] : []);
    }

    private static IEnumerable<string?> Repeated(IEnumerable<string?> values, StringComparer comparer) =>
        values.GroupBy(v => v, comparer).Where(g => g.Count() > 1).Select(g => g.Key);

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

        return names.FirstOrDefault(name => name.Equals(t, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Too many options, extended properties or notes; any text over its limit; all the text over the order's limit.</summary>
    private static IEnumerable<string> TextProblems(OrderContent order) => CountProblems(order).Concat(LengthProblems(TextFields(order)));

    private static IEnumerable<string> CountProblems(OrderContent order)
    {
        foreach (var line in order.OrderItems.Where(l => l.Options.Count > MaxOptionsPerLine))
        {
            yield return $"OrderItems[{line.OrderLineNumber}] has more than {MaxOptionsPerLine} Options.";
        }

        if (order.ExtendedProperties.Count > MaxExtendedProperties)
        {
            yield return $"The order has more than {MaxExtendedProperties} ExtendedProperties.";
        }

        if (order.Notes.Count > MaxNotes)
        {
            yield return $"The order has more than {MaxNotes} Notes.";
        }
    }

    private static IEnumerable<string> LengthProblems(List<TextField> fields)
    {
        var total = 0L;
        foreach (var field in fields)
        {
            total += field.Value?.Length ?? 0;
            if (field.Value?.Length > field.Max)
            {
                yield return $"{field.Name} is longer than {field.Max} characters ({field.Value.Length}).";
            }
        }

        if (total > MaxOrderTextChars)
        {
            yield return $"The order's text totals {total} characters; at most {MaxOrderTextChars} are accepted.";
        }
    }

    /// <summary>
    /// A text of the order with its limit. Its name ("OrderItems[2].SKU", "BillingAddress.Town") is put together only
    /// when it is reported: every order is checked, and almost none is over a limit.
    /// </summary>
    private readonly record struct TextField(string Field, string? Value, int Max, string? Scope = null, bool IsLine = false)
    {
        public string Name => Scope is null ? Field : IsLine ? $"OrderItems[{Scope}].{Field}" : $"{Scope}.{Field}";
    }

    /// <summary>Every text of the order with its limit.</summary>
    private static List<TextField> TextFields(OrderContent order)
    {
        var fields = new List<TextField>(64)
        {
            new("ExternalReference", order.ExternalReference, ShortText), new("SecondaryReferenceNumber", order.SecondaryReferenceNumber, ShortText),
            new("ChannelBuyerName", order.ChannelBuyerName, NameText), new("Site", order.Site, ShortText),
            new("MatchPostalServiceTag", order.MatchPostalServiceTag, NameText), new("MatchPaymentMethodTag", order.MatchPaymentMethodTag, NameText),
            new("MarketplaceTaxId", order.MarketplaceTaxId, ShortText), new("MarketplaceIoss", order.MarketplaceIoss, ShortText),
            new("BuyerTaxNumber", order.BuyerTaxNumber, ShortText),
        };
        AddAddress(fields, "BillingAddress", order.BillingAddress);
        AddAddress(fields, "DeliveryAddress", order.DeliveryAddress);
        foreach (var line in order.OrderItems)
        {
            var at = line.OrderLineNumber;
            fields.Add(new("OrderLineNumber", line.OrderLineNumber, ShortText, at, IsLine: true));
            fields.Add(new("SKU", line.SKU, ShortText, at, IsLine: true));
            fields.Add(new("ItemTitle", line.ItemTitle, TitleText, at, IsLine: true));
            foreach (var option in line.Options)
            {
                fields.Add(new("Options.Name", option.Name, NameText, at, IsLine: true));
                fields.Add(new("Options.Value", option.Value, TitleText, at, IsLine: true));
            }
        }

        foreach (var property in order.ExtendedProperties)
        {
            fields.Add(new("ExtendedProperties.Name", property.Name, NameText));
            fields.Add(new("ExtendedProperties.Value", property.Value, LongText));
            fields.Add(new("ExtendedProperties.Type", property.Type, NameText));
        }

        foreach (var note in order.Notes)
        {
            fields.Add(new("Notes.Note", note.Note, LongText));
            fields.Add(new("Notes.NoteUserName", note.NoteUserName, NameText));
        }

        return fields;
    }

    private static void AddAddress(List<TextField> fields, string name, OrderAddress? a)
    {
        if (a is null)
        {
            return;
        }

        fields.AddRange(
        [
            new("FullName", a.FullName, NameText, name), new("Company", a.Company, NameText, name), new("Address1", a.Address1, NameText, name),
            new("Address2", a.Address2, NameText, name), new("Address3", a.Address3, NameText, name), new("Town", a.Town, NameText, name),
            new("Region", a.Region, NameText, name), new("PostCode", a.PostCode, ShortText, name), new("Country", a.Country, NameText, name),
            new("CountryCode", a.CountryCode, ShortText, name), new("PhoneNumber", a.PhoneNumber, ShortText, name), new("EmailAddress", a.EmailAddress, NameText, name),
        ]);
    }
}
