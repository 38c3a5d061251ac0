using System.Text.Json;
using System.Text.Json.Nodes;
using ChannelBridge.LinnworksSimulator.Simulation;

namespace ChannelBridge.LinnworksSimulator.Contract;

/// <summary>
/// The contract checks on what the answers hold, item by item (the loose half, on the JSON as sent; the strict half
/// is <see cref="TypedContract"/>): wizard steps, orders and listings. <see cref="Scenario"/> drives the calls and
/// hands each answer here.
/// </summary>
public sealed class AnswerChecks(Report report, IReadOnlyDictionary<string, string> answers)
{
    private static readonly string[] ValueTypes = ["STRING", "INT", "DOUBLE", "BOOLEAN", "PASSWORD", "LIST"];
    private static readonly string[] PaymentStatuses = ["PAID", "UNPAID", "CANCELLED"];
    private static readonly string[] Dates = ["ReceivedDate", "PaidOn", "DispatchBy"];

    /// <summary>A wizard step (UserConfig, SaveConfig): its fields, each config item's, and no secret echoed; returns the items.</summary>
    public List<JsonObject> WizardStep(string endpoint, JsonObject step)
    {
        Shape.String(report, endpoint, step, "StepName", nullable: false);
        Shape.String(report, endpoint, step, "AccountName");
        Shape.String(report, endpoint, step, "WizardStepTitle");
        Shape.String(report, endpoint, step, "WizardStepDescription");
        var items = Shape.Array(report, endpoint, step, "ConfigItems").OfType<JsonObject>().ToList();
        foreach (var item in items)
        {
            Shape.String(report, endpoint, item, "ConfigItemId", nullable: false);
            Shape.String(report, endpoint, item, "Name", nullable: false);
            Shape.String(report, endpoint, item, "SelectedValue");
            Shape.Number(report, endpoint, item, "SortOrder");
            Shape.Bool(report, endpoint, item, "MustBeSpecified");
            Shape.Bool(report, endpoint, item, "ReadOnly");
            Shape.Array(report, endpoint, item, "ListValues");
            var valueType = Shape.Text(item, "ValueType");
            report.Check(endpoint, "ValueType is a Linnworks value type", valueType is not null && ValueTypes.Contains(valueType),
                $"Item '{Shape.Text(item, "ConfigItemId")}' has ValueType '{valueType}'; expected one of {string.Join(", ", ValueTypes)}.");
            if (valueType == "PASSWORD")
            {
                var shown = Shape.Text(item, "SelectedValue") ?? string.Empty;
                report.Check(endpoint, "PASSWORD values are not echoed", !answers.Values.Any(a => a.Length > 3 && shown == a),
                    $"Item '{Shape.Text(item, "ConfigItemId")}' shows the secret it was given.");
            }
        }

        return items;
    }

    /// <summary>One order of an Orders page (read where it lies in the page).</summary>
    public void Order(JsonElement order)
    {
        var reference = Shape.Text(order, "ReferenceNumber");
        Shape.String(report, "Orders", order, "ReferenceNumber", nullable: false);
        var status = Shape.Text(order, "PaymentStatus");
        report.Check("Orders", "PaymentStatus is PAID, UNPAID or CANCELLED", status is not null && PaymentStatuses.Contains(status),
            $"Order {reference} has PaymentStatus '{status}'.");
        foreach (var date in Dates)
        {
            var text = Shape.Text(order, date);
            report.Check("Orders", "dates are UTC", text is null || text.EndsWith('Z') || text.EndsWith("+00:00", StringComparison.Ordinal),
                $"Order {reference} {date} '{text}' carries no UTC marker.");
        }

        report.Check("Orders", "has an address", IsObject(order, "DeliveryAddress") || IsObject(order, "BillingAddress"),
            $"Order {reference} has neither DeliveryAddress nor BillingAddress.");
        var lines = Shape.Array(report, "Orders", order, "OrderItems").Where(l => l.ValueKind == JsonValueKind.Object).ToList();
        report.Check("Orders", "orders have items", lines.Count > 0, $"Order {reference} has no OrderItems.");
        report.Check("Orders", "OrderLineNumbers are unique", lines.Select(l => Shape.Text(l, "OrderLineNumber")).Distinct().Count() == lines.Count,
            $"Order {reference} repeats an OrderLineNumber: Linnworks rejects it.");
        foreach (var line in lines)
        {
            Shape.String(report, "Orders", line, "OrderLineNumber", nullable: false);
            report.Check("Orders", "SKU is not empty", !string.IsNullOrWhiteSpace(Shape.Text(line, "SKU")), $"Order {reference} has a line without SKU.");
            report.Check("Orders", "Qty > 0", Shape.Number(report, "Orders", line, "Qty") && line.GetProperty("Qty").GetDecimal() > 0,
                $"Order {reference} line {Shape.Text(line, "OrderLineNumber")} has Qty {Raw(line, "Qty")}.");
            Shape.Number(report, "Orders", line, "PricePerUnit");
        }
    }

    /// <summary>One listing of a Products page (read where it lies in the page).</summary>
    public void Product(JsonElement product)
    {
        var sku = Shape.Text(product, "SKU");
        Shape.String(report, "Products", product, "SKU", nullable: false);
        Shape.String(report, "Products", product, "Title", nullable: false);
        report.Check("Products", "Quantity is a number ≥ 0", Shape.Number(report, "Products", product, "Quantity") && product.GetProperty("Quantity").GetDecimal() >= 0,
            $"SKU {sku} has Quantity {Raw(product, "Quantity")}.");
        Shape.Number(report, "Products", product, "Price", nullable: true);
        var reference = Shape.Text(product, "Reference");
        report.Check("Products", "Reference is set and ≤ 64 characters", reference is { Length: > 0 and <= 64 }, $"SKU {sku} has Reference '{reference}'.");
    }

    private static bool IsObject(JsonElement obj, string property) =>
        obj.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Object;

    private static string Raw(JsonElement obj, string property) =>
        obj.TryGetProperty(property, out var value) ? value.GetRawText() : "(missing)";
}
