using AutoMapper;
using ChannelBridge.Domain.Orders;

namespace ChannelBridge.Application.Orders.GetOrders;

/// <summary>
/// The Order as Linnworks downloads it typed as Linnworks' own .NET class reads it:
/// dates, decimals, ints and bools are value types and always present; addresses and lists are never
/// null; every string is "" when the channel sent none (only <c>Error</c> fields are ever null).
/// Defaults for what a channel may omit are decided in <see cref="OrderDownloadDefaults"/>.
/// </summary>
public sealed class LinnworksOrder
{
    public string ReferenceNumber { get; set; } = string.Empty;

    public string ExternalReference { get; set; } = string.Empty;

    public string SecondaryReferenceNumber { get; set; } = string.Empty;

    public string ChannelBuyerName { get; set; } = string.Empty;

    public string Site { get; set; } = string.Empty;

    public string Currency { get; set; } = string.Empty;

    /// <summary>PAID, UNPAID or CANCELLED (Linnworks' PaymentStatus enum, by name).</summary>
    public string PaymentStatus { get; set; } = Domain.Orders.PaymentStatus.Paid;

    public DateTime ReceivedDate { get; set; }

    public DateTime PaidOn { get; set; }

    public DateTime DispatchBy { get; set; }

    public string MatchPostalServiceTag { get; set; } = string.Empty;

    public string MatchPaymentMethodTag { get; set; } = string.Empty;

    public decimal PostalServiceCost { get; set; }

    public decimal PostalServiceTaxRate { get; set; }

    public bool UseChannelTax { get; set; }

    /// <summary>AllEvenly, ItemsThenPostage or PostageThenItems (Linnworks' DiscountType enum, by name).</summary>
    public string DiscountType { get; set; } = "AllEvenly";

    public decimal Discount { get; set; }

    public string MarketplaceTaxId { get; set; } = string.Empty;

    public string MarketplaceIoss { get; set; } = string.Empty;

    public string BuyerTaxNumber { get; set; } = string.Empty;

    public LinnworksAddress BillingAddress { get; set; } = new();

    public LinnworksAddress DeliveryAddress { get; set; } = new();

    public List<LinnworksOrderItem> OrderItems { get; set; } = [];

    public List<LinnworksExtendedProperty> ExtendedProperties { get; set; } = [];

    public List<LinnworksNote> Notes { get; set; } = [];

    private sealed class Mapping : Profile
    {
        public Mapping()
        {
            // One rule for every string Linnworks downloads: absent is "", never null.
            ValueTransformers.Add<string>(s => s ?? string.Empty);
            CreateMap<OrderContent, LinnworksOrder>()
                .ForMember(d => d.ReceivedDate, o => o.Ignore())
                .ForMember(d => d.PaidOn, o => o.Ignore())
                .ForMember(d => d.DispatchBy, o => o.Ignore())
                .ForMember(d => d.BillingAddress, o => o.MapFrom(s => s.BillingAddress == null || s.BillingAddress.IsBlank() ? s.DeliveryAddress : s.BillingAddress))
                .ForMember(d => d.DeliveryAddress, o => o.MapFrom(s => s.DeliveryAddress == null || s.DeliveryAddress.IsBlank() ? s.BillingAddress : s.DeliveryAddress))
                .ForMember(d => d.Notes, o => o.Ignore());
            CreateMap<OrderAddress, LinnworksAddress>();
            CreateMap<OrderLine, LinnworksOrderItem>();
            CreateMap<OrderLineOption, LinnworksOrderItemOption>();
            CreateMap<OrderExtendedProperty, LinnworksExtendedProperty>();
            CreateMap<OrderNote, LinnworksNote>().ForMember(d => d.NoteEntryDate, o => o.Ignore());
        }
    }
}

public sealed class LinnworksAddress
{
    public string FullName { get; set; } = string.Empty;

    public string Company { get; set; } = string.Empty;

    public string Address1 { get; set; } = string.Empty;

    public string Address2 { get; set; } = string.Empty;

    public string Address3 { get; set; } = string.Empty;

    public string Town { get; set; } = string.Empty;

    public string Region { get; set; } = string.Empty;

    public string PostCode { get; set; } = string.Empty;

    public string Country { get; set; } = string.Empty;

    public string CountryCode { get; set; } = string.Empty;

    public string PhoneNumber { get; set; } = string.Empty;

    public string EmailAddress { get; set; } = string.Empty;
}

public sealed class LinnworksOrderItem
{
    public string OrderLineNumber { get; set; } = string.Empty;

    public string SKU { get; set; } = string.Empty;

    public string ItemTitle { get; set; } = string.Empty;

    public int Qty { get; set; }

    public decimal PricePerUnit { get; set; }

    public bool TaxCostInclusive { get; set; }

    public decimal TaxRate { get; set; }

    public bool UseChannelTax { get; set; }

    public decimal LinePercentDiscount { get; set; }

    public bool IsService { get; set; }

    public List<LinnworksOrderItemOption> Options { get; set; } = [];

    /// <summary>NONE or CANCELLED.</summary>
    public string CancelStatus { get; set; } = "NONE";
}

public sealed class LinnworksOrderItemOption
{
    public string Name { get; set; } = string.Empty;

    public string Value { get; set; } = string.Empty;
}

public sealed class LinnworksExtendedProperty
{
    public string Name { get; set; } = string.Empty;

    public string Value { get; set; } = string.Empty;

    public string Type { get; set; } = string.Empty;
}

public sealed class LinnworksNote
{
    public string Note { get; set; } = string.Empty;

    public DateTime NoteEntryDate { get; set; }

    public string NoteUserName { get; set; } = string.Empty;

    public bool IsInternal { get; set; }
}
