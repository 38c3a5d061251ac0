using ChannelBridge.Domain.Common;

namespace ChannelBridge.Domain.Orders;

/// <summary>
/// What Linnworks needs of an order to accept it (reference §11 and pitfall 4). An order that breaks
/// one is rejected with every reason; nothing of it is stored.
/// </summary>
public static class OrderRules
{
    public const int ReferenceMaxLength = 100;
    public const int MaxLines = 500;

    public static readonly IReadOnlyList<string> PaymentStatuses = ["PAID", "UNPAID", "CANCELLED"];
    public static readonly IReadOnlyList<string> DiscountTypes = ["AllEvenly", "ItemsThenPostage", "PostageThenItems"];

    /// <summary>Checks the order and returns it with spellings normalised (upper-case statuses, CANCELED → CANCELLED).</summary>
    public static Result<OrderContent> Validate(OrderContent order)
    {
        var errors = new List<Error>();
        void Fail(string message) => errors.Add(Error.Validation(message));

        if (string.IsNullOrWhiteSpace(order.ReferenceNumber))
        {
            Fail("ReferenceNumber is required.");
        }
        else if (order.ReferenceNumber.Length > ReferenceMaxLength)
        {
            Fail($"ReferenceNumber is longer than {ReferenceMaxLength} characters.");
        }

        var paymentStatus = order.PaymentStatus?.Trim().ToUpperInvariant() ?? string.Empty;
        if (paymentStatus == "CANCELED")
        {
            paymentStatus = "CANCELLED";
        }

        if (!PaymentStatuses.Contains(paymentStatus))
        {
            Fail($"PaymentStatus '{order.PaymentStatus}' is not one of PAID, UNPAID, CANCELLED.");
        }

        var discountType = string.IsNullOrWhiteSpace(order.DiscountType)
            ? "AllEvenly"
            : DiscountTypes.FirstOrDefault(d => d.Equals(order.DiscountType.Trim(), StringComparison.OrdinalIgnoreCase));
        if (discountType is null)
        {
            Fail($"DiscountType '{order.DiscountType}' is not one of {string.Join(", ", DiscountTypes)}.");
        }

        if ((order.BillingAddress?.IsBlank() ?? true) && (order.DeliveryAddress?.IsBlank() ?? true))
        {
            Fail("The order has no address: send a DeliveryAddress or a BillingAddress.");
        }

        if (order.Currency is { Length: > 0 } currency && (currency.Length != 3 || !currency.All(char.IsAsciiLetter)))
        {
            Fail($"Currency '{currency}' is not an ISO 4217 code.");
        }

        if (order.PostalServiceCost < 0 || order.Discount < 0)
        {
            Fail("PostalServiceCost and Discount cannot be negative.");
        }

        if (order.OrderItems.Count == 0)
        {
            Fail("The order has no OrderItems.");
        }
        else if (order.OrderItems.Count > MaxLines)
        {
            Fail($"The order has more than {MaxLines} OrderItems.");
        }

        var lines = new List<OrderLine>(order.OrderItems.Count);
        foreach (var line in order.OrderItems)
        {
            var label = string.IsNullOrWhiteSpace(line.OrderLineNumber) ? "An order line" : $"Line {line.OrderLineNumber}";
            if (string.IsNullOrWhiteSpace(line.OrderLineNumber))
            {
                Fail("Every OrderItem needs an OrderLineNumber.");
            }

            if (string.IsNullOrWhiteSpace(line.SKU))
            {
                Fail($"{label} has an empty SKU.");
            }

            if (line.Qty <= 0)
            {
                Fail($"{label} has Qty {line.Qty}; it must be greater than 0.");
            }

            if (line.PricePerUnit < 0)
            {
                Fail($"{label} has a negative PricePerUnit.");
            }

            if (line.IsService && string.IsNullOrWhiteSpace(line.ItemTitle))
            {
                Fail($"{label} is a service and needs an ItemTitle.");
            }

            foreach (var name in line.Options.GroupBy(o => o.Name, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key))
            {
                Fail($"{label} repeats option '{name}'.");
            }

            var cancel = line.CancelStatus?.Trim().ToUpperInvariant();
            cancel = cancel switch
            {
                null or "" or "NONE" => "NONE",
                "CANCELLED" or "CANCELED" => "CANCELLED",
                _ => null,
            };
            if (cancel is null)
            {
                Fail($"{label} has CancelStatus '{line.CancelStatus}'; use NONE or CANCELLED.");
            }

            lines.Add(line with { CancelStatus = cancel ?? line.CancelStatus });
        }

        foreach (var number in order.OrderItems.Where(l => !string.IsNullOrWhiteSpace(l.OrderLineNumber))
                     .GroupBy(l => l.OrderLineNumber, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key))
        {
            Fail($"OrderLineNumber '{number}' appears more than once.");
        }

        foreach (var title in order.OrderItems.Where(l => l.IsService && !string.IsNullOrWhiteSpace(l.ItemTitle))
                     .GroupBy(l => l.ItemTitle, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key))
        {
            Fail($"Service line title '{title}' appears more than once.");
        }

        foreach (var name in order.ExtendedProperties.GroupBy(p => p.Name, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key))
        {
            Fail($"ExtendedProperty '{name}' appears more than once.");
        }

        if (order.ExtendedProperties.Any(p => string.IsNullOrWhiteSpace(p.Name)))
        {
            Fail("Every ExtendedProperty needs a Name.");
        }

        return errors.Count > 0
            ? Result<OrderContent>.Failure(errors)
            : order with
            {
                ReferenceNumber = order.ReferenceNumber.Trim(),
                PaymentStatus = paymentStatus,
                DiscountType = discountType,
                Currency = string.IsNullOrWhiteSpace(order.Currency) ? null : order.Currency.ToUpperInvariant(),
                OrderItems = lines,
            };
    }
}
