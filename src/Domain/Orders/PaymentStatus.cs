namespace ChannelBridge.Domain.Orders;

/// <summary>
/// Linnworks' PaymentStatus names, the one spelling used in storage, queries and answers (an order's
/// <see cref="OrderContent.PaymentStatus"/> holds one of these once <see cref="OrderRules"/> has normalised it).
/// </summary>
public static class PaymentStatus
{
    public const string Paid = "PAID";
    public const string Unpaid = "UNPAID";
    public const string Cancelled = "CANCELLED";
}
