// The types Linnworks' own .NET client reads channel answers into, written by us from the reference
//: dates as DateTime, money as decimal, counts as int, flags as bool,
// enums as enums, lists as lists — all value types non-nullable. Read with Newtonsoft.Json's default
// settings, as Linnworks does: a null where a value type belongs fails the whole answer.
#pragma warning disable CA1720, CA1707, CA1008, CA2227, CA1002, CA1056, CA1819 // wire names and shapes are Linnworks'

namespace ChannelBridge.LinnworksSimulator.Contract;

public enum PaymentStatus { PAID, UNPAID, CANCELLED }

public enum DiscountType { AllEvenly, ItemsThenPostage, PostageThenItems }

public enum CancelStatus { NONE, CANCELLED }

public enum ChannelReasonType { Cancellation, ItemRefund, ShippingRefund, ServiceRefund, AdditionalRefund }

public enum ConfigValueType { STRING, INT, DOUBLE, BOOLEAN, PASSWORD, LIST, URL, BUTTON }

public class BaseResponse
{
    public string? Error { get; set; }
}

public class AddNewUserResponse : BaseResponse
{
    public string AuthorizationToken { get; set; } = string.Empty;
}

public class UserConfigResponse : BaseResponse
{
    public string StepName { get; set; } = string.Empty;

    public string AccountName { get; set; } = string.Empty;

    public string WizardStepTitle { get; set; } = string.Empty;

    public string WizardStepDescription { get; set; } = string.Empty;

    public List<ConfigItem> ConfigItems { get; set; } = [];
}

public class ConfigItem
{
    public string ConfigItemId { get; set; } = string.Empty;

    public string Name { get; set; } = string.Empty;

    public string Description { get; set; } = string.Empty;

    public string GroupName { get; set; } = string.Empty;

    public int SortOrder { get; set; }

    public string SelectedValue { get; set; } = string.Empty;

    public string? RegExValidation { get; set; }

    public string? RegExError { get; set; }

    public bool MustBeSpecified { get; set; }

    public bool ReadOnly { get; set; }

    public List<ListValue> ListValues { get; set; } = [];

    public ConfigValueType ValueType { get; set; }
}

public class ListValue
{
    public string Display { get; set; } = string.Empty;

    public string Value { get; set; } = string.Empty;
}

public class ShippingTagsResponse : BaseResponse
{
    public List<ChannelTag> ShippingTags { get; set; } = [];
}

public class PaymentTagsResponse : BaseResponse
{
    public List<ChannelTag> PaymentTags { get; set; } = [];
}

public class ChannelTag
{
    public string Tag { get; set; } = string.Empty;

    public string FriendlyName { get; set; } = string.Empty;

    public string Site { get; set; } = string.Empty;
}

public class OrdersResponse : BaseResponse
{
    public bool HasMorePages { get; set; }

    public List<Order> Orders { get; set; } = [];
}

public class Order
{
    public Address BillingAddress { get; set; } = new();

    public Address DeliveryAddress { get; set; } = new();

    public List<OrderItem> OrderItems { get; set; } = [];

    public List<ExtendedProperty> ExtendedProperties { get; set; } = [];

    public List<OrderNote> Notes { get; set; } = [];

    public string Site { get; set; } = string.Empty;

    public string MatchPostalServiceTag { get; set; } = string.Empty;

    public string MatchPaymentMethodTag { get; set; } = string.Empty;

    public PaymentStatus PaymentStatus { get; set; }

    public string ChannelBuyerName { get; set; } = string.Empty;

    public string ReferenceNumber { get; set; } = string.Empty;

    public string ExternalReference { get; set; } = string.Empty;

    public string SecondaryReferenceNumber { get; set; } = string.Empty;

    public string Currency { get; set; } = string.Empty;

    public DateTime ReceivedDate { get; set; }

    public DateTime DispatchBy { get; set; }

    public DateTime PaidOn { get; set; }

    public decimal PostalServiceCost { get; set; }

    public decimal PostalServiceTaxRate { get; set; }

    public bool UseChannelTax { get; set; }

    public DiscountType DiscountType { get; set; }

    public decimal Discount { get; set; }

    public string MarketplaceTaxId { get; set; } = string.Empty;

    public string MarketplaceIoss { get; set; } = string.Empty;
}

public class Address
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

public class OrderItem
{
    public bool TaxCostInclusive { get; set; }

    public bool UseChannelTax { get; set; }

    public bool IsService { get; set; }

    public string OrderLineNumber { get; set; } = string.Empty;

    public string SKU { get; set; } = string.Empty;

    public decimal PricePerUnit { get; set; }

    public int Qty { get; set; }

    public decimal TaxRate { get; set; }

    public decimal LinePercentDiscount { get; set; }

    public string ItemTitle { get; set; } = string.Empty;

    public List<OrderItemOption> Options { get; set; } = [];

    public CancelStatus CancelStatus { get; set; }
}

public class OrderItemOption
{
    public string Name { get; set; } = string.Empty;

    public string Value { get; set; } = string.Empty;
}

public class ExtendedProperty
{
    public string Name { get; set; } = string.Empty;

    public string Value { get; set; } = string.Empty;

    public string Type { get; set; } = string.Empty;
}

public class OrderNote
{
    public string Note { get; set; } = string.Empty;

    public DateTime NoteEntryDate { get; set; }

    public string NoteUserName { get; set; } = string.Empty;

    public bool IsInternal { get; set; }
}

public class DespatchResponse : BaseResponse
{
    public List<DespatchOrderResult> Orders { get; set; } = [];
}

public class DespatchOrderResult
{
    public string ReferenceNumber { get; set; } = string.Empty;

    public string? Error { get; set; }

    public bool Retry { get; set; }
}

public class ProductsResponse : BaseResponse
{
    public bool HasMorePages { get; set; }

    public List<Product> Products { get; set; } = [];
}

public class Product
{
    public string SKU { get; set; } = string.Empty;

    public string Title { get; set; } = string.Empty;

    public int Quantity { get; set; }

    public decimal Price { get; set; }

    public string Reference { get; set; } = string.Empty;
}

public class SkuResponse : BaseResponse
{
    public List<SkuResult> Products { get; set; } = [];
}

public class SkuResult
{
    public string SKU { get; set; } = string.Empty;

    public string? Error { get; set; }
}

public class RefundResponse : BaseResponse
{
    public string RefundReference { get; set; } = string.Empty;
}

public class PostSaleOptionsResponse : BaseResponse
{
    public bool CanCancel { get; set; }

    public bool CanCancelOrderLines { get; set; }

    public bool CanCancelOrderLinesPartially { get; set; }

    public bool AutomaticRefundOnCancel { get; set; }

    public bool CanRefund { get; set; }

    public bool CanAttachRefundToItem { get; set; }

    public bool CanAttachRefundToService { get; set; }

    public int RefundShippingTypes { get; set; }

    public bool CanRefundAdditionally { get; set; }

    public bool CanReturn { get; set; }

    public List<PostSaleReason> PostSaleReasons { get; set; } = [];
}

public class PostSaleReason
{
    public string Tag { get; set; } = string.Empty;

    public string DisplayName { get; set; } = string.Empty;

    /// <summary>The official class's member; the docs call it Type.</summary>
    public List<ChannelReasonType> Types { get; set; } = [];

    public List<PostSaleSubReason> SubReasons { get; set; } = [];
}

public class PostSaleSubReason
{
    public string Tag { get; set; } = string.Empty;

    public string DisplayName { get; set; } = string.Empty;
}

// Listing tool. Enum numbers as the docs give them.
public enum SettingGroup { GENERAL = 1, RETURN = 2, SHIPPING = 3, PAYMENT = 4, VARIATION = 5 }

public enum ExpectedType { STRING = 1, INT = 2, DECIMAL = 3, BOOL = 4, DATETIME = 5, LIST = 6 }

public enum ImageType { CountTogether = 1, CountMainVariantsSeparately = 2, SelectVariationFromMain = 3 }

public enum ImageTagKind { SingleTag = 1, MultiTag = 2 }

public enum AttributeRequirement { Required = 1, Desired = 2 }

public enum AttributeReadFrom { Child = 0, Parent = 1, Optional = 2 }

public enum ProductFeedMessageType { Error = 1, Warning = 2, Recommendation = 3 }

public class ConfiguratorSettingsResponse : BaseResponse
{
    public List<CustomerSetting> Settings { get; set; } = [];

    public int MaxDescriptionLength { get; set; }

    public ListingImage ImageSettings { get; set; } = new();

    public int MaxCategoryCount { get; set; }

    public int MaxCustomAttributeLength { get; set; }

    public bool IsCustomHtmlSupported { get; set; }

    public bool IsCustomAttributesAllowed { get; set; }

    public bool IsVariationsAllowed { get; set; }

    public bool HasMainVariationPrice { get; set; }

    public bool IsTitleInVariation { get; set; }

    public bool HasVariationAttributeDisplayName { get; set; }

    public bool IsPriceInVariation { get; set; }

    public bool IsShippingListingSpecific { get; set; }

    public bool IsPaymentListingSpecific { get; set; }
}

public class CustomerSetting
{
    public SettingGroup GroupName { get; set; }

    public string ConfigItemId { get; set; } = string.Empty;

    public string Subtitle { get; set; } = string.Empty;

    public int SubTitleSortOrder { get; set; }

    public int ItemSortOrder { get; set; }

    public string Description { get; set; } = string.Empty;

    public string FriendlyName { get; set; } = string.Empty;

    public bool MustBeSpecified { get; set; }

    public ExpectedType ExpectedType { get; set; }

    public List<string> ValueOptions { get; set; } = [];

    public List<string> InitialValues { get; set; } = [];

    public bool IsMultiOption { get; set; }

    public bool ValueFromOptionsList { get; set; }

    public string? RegExValidation { get; set; }

    public string? RegExError { get; set; }

    public bool IsWizardOnly { get; set; }
}

public class ListingImage
{
    public ImageType Type { get; set; }

    public int MaxImages { get; set; }

    public int MaxVariantImages { get; set; }

    public List<ListingImageTag> ImageTags { get; set; } = [];
}

public class ListingImageTag
{
    public string Name { get; set; } = string.Empty;

    public ImageTagKind ImageTagType { get; set; }
}

public class CategoriesResponse : BaseResponse
{
    public bool HasMorePages { get; set; }

    public List<Category> Categories { get; set; } = [];
}

public class Category
{
    public long CategoryId { get; set; }

    public string CategoryName { get; set; } = string.Empty;
}

public class AttributesResponse : BaseResponse
{
    public List<CategoryAttribute> Attributes { get; set; } = [];
}

public class CategoryAttribute
{
    public string ID { get; set; } = string.Empty;

    public string FriendlyName { get; set; } = string.Empty;

    public string Description { get; set; } = string.Empty;

    public AttributeRequirement MustBeSpecified { get; set; }

    public string ExpectedType { get; set; } = string.Empty;

    public List<string> ValueOptions { get; set; } = [];

    public bool ValueFromOptionsList { get; set; }

    public int MaxAttributeUse { get; set; }

    public AttributeReadFrom AttribueReadFrom { get; set; }

    public string? RegExValidation { get; set; }

    public string? RegExError { get; set; }
}

public class VariationsResponse : BaseResponse
{
    public int MaxVariationAttributes { get; set; }

    public List<NeededVariation> NeededVariations { get; set; } = [];
}

public class NeededVariation
{
    public string VariationName { get; set; } = string.Empty;

    public string Description { get; set; } = string.Empty;
}

public class FeedIdResponse : BaseResponse
{
    public string ChannelFeedId { get; set; } = string.Empty;
}

public class FeedResponse : BaseResponse
{
    public bool IsFeedReady { get; set; }

    public List<ProductFeed> ProductFeeds { get; set; } = [];
}

public class ProductFeed
{
    public string SKU { get; set; } = string.Empty;

    /// <summary>Typed Integer in the docs; a string id would fail this reader, which is why numbers are checked.</summary>
    public string ExternalListingId { get; set; } = string.Empty;

    public int TemplateId { get; set; }

    public string URL { get; set; } = string.Empty;

    public List<FeedMessage> Messages { get; set; } = [];

    public List<ChannelReference> ChannelReferences { get; set; } = [];
}

public class FeedMessage
{
    public ProductFeedMessageType ProductFeedMessageType { get; set; }

    public string Message { get; set; } = string.Empty;
}

public class ChannelReference
{
    public string SKU { get; set; } = string.Empty;

    public string Reference { get; set; } = string.Empty;
}
