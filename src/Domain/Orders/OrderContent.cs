namespace ChannelBridge.Domain.Orders;

/// <summary>
/// An order exactly as Linnworks receives it Immutable; the channel replaces it
/// as a whole when the order changes. <see cref="OrderRules"/> decides whether it may be stored.
/// </summary>
public sealed record OrderContent
{
    public string ReferenceNumber { get; init; } = string.Empty;

    public string? ExternalReference { get; init; }

    public string? SecondaryReferenceNumber { get; init; }

    public string? ChannelBuyerName { get; init; }

    public string? Site { get; init; }

    public string? Currency { get; init; }

    /// <summary>PAID, UNPAID or CANCELLED.</summary>
    public string PaymentStatus { get; init; } = string.Empty;

    public DateTime? ReceivedDate { get; init; }

    public DateTime? PaidOn { get; init; }

    public DateTime? DispatchBy { get; init; }

    public string? MatchPostalServiceTag { get; init; }

    public string? MatchPaymentMethodTag { get; init; }

    public decimal PostalServiceCost { get; init; }

    public decimal PostalServiceTaxRate { get; init; }

    public bool UseChannelTax { get; init; }

    /// <summary>AllEvenly, ItemsThenPostage or PostageThenItems.</summary>
    public string? DiscountType { get; init; }

    public decimal Discount { get; init; }

    public string? MarketplaceTaxId { get; init; }

    public string? MarketplaceIoss { get; init; }

    public string? BuyerTaxNumber { get; init; }

    public OrderAddress? BillingAddress { get; init; }

    public OrderAddress? DeliveryAddress { get; init; }

    public IReadOnlyList<OrderLine> OrderItems { get; init; } = [];

    public IReadOnlyList<OrderExtendedProperty> ExtendedProperties { get; init; } = [];

    public IReadOnlyList<OrderNote> Notes { get; init; } = [];
}

public sealed record OrderAddress
{
    public string? FullName { get; init; }

    public string? Company { get; init; }

    public string? Address1 { get; init; }

    public string? Address2 { get; init; }

    public string? Address3 { get; init; }

    public string? Town { get; init; }

    public string? Region { get; init; }

    public string? PostCode { get; init; }

    public string? Country { get; init; }

    public string? CountryCode { get; init; }

    public string? PhoneNumber { get; init; }

    public string? EmailAddress { get; init; }

    public bool IsBlank() =>
        string.IsNullOrWhiteSpace(FullName) && string.IsNullOrWhiteSpace(Company) && string.IsNullOrWhiteSpace(Address1) &&
        string.IsNullOrWhiteSpace(Town) && string.IsNullOrWhiteSpace(PostCode) && string.IsNullOrWhiteSpace(Country) &&
        string.IsNullOrWhiteSpace(CountryCode);
}

public sealed record OrderLine
{
    public string OrderLineNumber { get; init; } = string.Empty;

    public string? SKU { get; init; }

    public string? ItemTitle { get; init; }

    public int Qty { get; init; }

    public decimal PricePerUnit { get; init; }

    public bool TaxCostInclusive { get; init; }

    public decimal TaxRate { get; init; }

    public bool UseChannelTax { get; init; }

    public decimal LinePercentDiscount { get; init; }

    public bool IsService { get; init; }

    public IReadOnlyList<OrderLineOption> Options { get; init; } = [];

    /// <summary>NONE or CANCELLED (CANCELED accepted on input).</summary>
    public string? CancelStatus { get; init; }
}

public sealed record OrderLineOption(string Name, string? Value);

public sealed record OrderExtendedProperty(string Name, string? Value, string? Type);

public sealed record OrderNote
{
    public string Note { get; init; } = string.Empty;

    public DateTime? NoteEntryDate { get; init; }

    public string? NoteUserName { get; init; }

    public bool IsInternal { get; init; }
}
