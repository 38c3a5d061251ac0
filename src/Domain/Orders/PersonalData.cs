namespace ChannelBridge.Domain.Orders;

/// <summary>
/// What of an order is a buyer's personal data: names, companies, addresses, email addresses, phone numbers, the buyer
/// name, tax numbers, notes' text and author, and extended property values. What is not stays — reference numbers,
/// SKUs, titles, quantities, money, statuses, dates, countries — so the order still works for post-sale calls and
/// reports.
/// </summary>
public static class PersonalData
{
    /// <summary>The order with every personal field emptied.</summary>
    public static OrderContent WithoutPersonalData(this OrderContent content) => content with
    {
        ChannelBuyerName = Erased(content.ChannelBuyerName),
        BuyerTaxNumber = Erased(content.BuyerTaxNumber),
        BillingAddress = Erased(content.BillingAddress),
        DeliveryAddress = Erased(content.DeliveryAddress),
        ExtendedProperties = [.. content.ExtendedProperties.Select(p => p with { Value = Erased(p.Value) })],
        Notes = [.. content.Notes.Select(n => n with { Note = string.Empty, NoteUserName = Erased(n.NoteUserName) })],
    };

    /// <summary>True when the order carries one of these email addresses (billing or delivery; case-insensitive).</summary>
    public static bool HasEmail(this OrderContent content, string email) =>
        string.Equals(content.BillingAddress?.EmailAddress?.Trim(), email, StringComparison.OrdinalIgnoreCase) ||
        string.Equals(content.DeliveryAddress?.EmailAddress?.Trim(), email, StringComparison.OrdinalIgnoreCase);

    private static string? Erased(string? value) => value is null ? null : string.Empty;

    private static OrderAddress? Erased(OrderAddress? address) => address is null ? null : new OrderAddress
    {
        Country = address.Country,
        CountryCode = address.CountryCode,
        FullName = Erased(address.FullName),
        Company = Erased(address.Company),
        Address1 = Erased(address.Address1),
        Address2 = Erased(address.Address2),
        Address3 = Erased(address.Address3),
        Town = Erased(address.Town),
        Region = Erased(address.Region),
        PostCode = Erased(address.PostCode),
        PhoneNumber = Erased(address.PhoneNumber),
        EmailAddress = Erased(address.EmailAddress),
    };
}
