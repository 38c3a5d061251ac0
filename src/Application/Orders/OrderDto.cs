using System.Text.Json.Serialization;
using AutoMapper;
using ChannelBridge.Domain.Orders;

namespace ChannelBridge.Application.Orders;

/// <summary>
/// The Linnworks Order object as the channel pushes it. Nullable where the channel may
/// leave a field out; what Linnworks downloads is <see cref="GetOrders.LinnworksOrder"/>, with every value filled.
/// Enums (PaymentStatus, DiscountType, CancelStatus) may be sent as names or as Linnworks' numbers.
/// </summary>
public sealed class OrderDto
{
    public string? ReferenceNumber { get; set; }

    public string? ExternalReference { get; set; }

    public string? SecondaryReferenceNumber { get; set; }

    public string? ChannelBuyerName { get; set; }

    public string? Site { get; set; }

    public string? Currency { get; set; }

    public string? PaymentStatus { get; set; }

    public DateTime? ReceivedDate { get; set; }

    public DateTime? PaidOn { get; set; }

    public DateTime? DispatchBy { get; set; }

    public string? MatchPostalServiceTag { get; set; }

    public string? MatchPaymentMethodTag { get; set; }

    public decimal PostalServiceCost { get; set; }

    public decimal PostalServiceTaxRate { get; set; }

    public bool UseChannelTax { get; set; }

    public string? DiscountType { get; set; }

    public decimal Discount { get; set; }

    public string? MarketplaceTaxId { get; set; }

    public string? MarketplaceIoss { get; set; }

    public string? BuyerTaxNumber { get; set; }

    public AddressDto? BillingAddress { get; set; }

    public AddressDto? DeliveryAddress { get; set; }

    public List<OrderItemDto> OrderItems { get; set; } = [];

    public List<ExtendedPropertyDto> ExtendedProperties { get; set; } = [];

    /// <summary>The doc table's spelling of <see cref="ExtendedProperties"/>; read on input and merged into it.</summary>
    [JsonPropertyName("ExtendedProperty")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<ExtendedPropertyDto>? ExtendedPropertyAlias
    {
        get => null;
        set => ExtendedProperties = [.. ExtendedProperties ?? [], .. value ?? []];
    }

    public List<NoteDto> Notes { get; set; } = [];

    private sealed class Mapping : Profile
    {
        public Mapping()
        {
            CreateMap<OrderDto, OrderContent>()
                .ForMember(d => d.ReferenceNumber, o => o.MapFrom(s => s.ReferenceNumber ?? string.Empty))
                .ForMember(d => d.PaymentStatus, o => o.MapFrom(s => s.PaymentStatus ?? string.Empty))
                .ForMember(d => d.OrderItems, o => o.MapFrom(s => s.OrderItems ?? new List<OrderItemDto>()))
                .ForMember(d => d.ExtendedProperties, o => o.MapFrom(s => s.ExtendedProperties ?? new List<ExtendedPropertyDto>()))
                .ForMember(d => d.Notes, o => o.MapFrom(s => s.Notes ?? new List<NoteDto>()));
            CreateMap<AddressDto, OrderAddress>();
            CreateMap<OrderItemDto, OrderLine>()
                .ForMember(d => d.OrderLineNumber, o => o.MapFrom(s => s.OrderLineNumber ?? string.Empty))
                .ForMember(d => d.Options, o => o.MapFrom(s => s.Options ?? new List<OrderItemOptionDto>()));
            CreateMap<OrderItemOptionDto, OrderLineOption>().ConstructUsing(s => new OrderLineOption(s.Name ?? string.Empty, s.Value));
            CreateMap<ExtendedPropertyDto, OrderExtendedProperty>().ConstructUsing(s => new OrderExtendedProperty(s.Name ?? string.Empty, s.Value, s.Type));
            CreateMap<NoteDto, OrderNote>().ForMember(d => d.Note, o => o.MapFrom(s => s.Note ?? string.Empty));
        }
    }
}

public sealed class AddressDto
{
    public string? FullName { get; set; }

    public string? Company { get; set; }

    public string? Address1 { get; set; }

    public string? Address2 { get; set; }

    public string? Address3 { get; set; }

    public string? Town { get; set; }

    public string? Region { get; set; }

    public string? PostCode { get; set; }

    public string? Country { get; set; }

    public string? CountryCode { get; set; }

    public string? PhoneNumber { get; set; }

    public string? EmailAddress { get; set; }
}

public sealed class OrderItemDto
{
    public string? OrderLineNumber { get; set; }

    public string? SKU { get; set; }

    public string? ItemTitle { get; set; }

    public int Qty { get; set; }

    public decimal PricePerUnit { get; set; }

    public bool TaxCostInclusive { get; set; }

    public decimal TaxRate { get; set; }

    public bool UseChannelTax { get; set; }

    public decimal LinePercentDiscount { get; set; }

    public bool IsService { get; set; }

    public List<OrderItemOptionDto> Options { get; set; } = [];

    public string? CancelStatus { get; set; }
}

public sealed class OrderItemOptionDto
{
    public string? Name { get; set; }

    public string? Value { get; set; }
}

public sealed class ExtendedPropertyDto
{
    public string? Name { get; set; }

    public string? Value { get; set; }

    public string? Type { get; set; }
}

public sealed class NoteDto
{
    public string? Note { get; set; }

    public DateTime? NoteEntryDate { get; set; }

    public string? NoteUserName { get; set; }

    public bool IsInternal { get; set; }
}
