using ChannelBridge.Domain.Orders;

namespace ChannelBridge.Domain.UnitTests.Orders;

public class OrderRulesTests
{
    public static OrderContent Valid(string reference = "100045") => new()
    {
        ReferenceNumber = reference,
        PaymentStatus = "PAID",
        ReceivedDate = new DateTime(2026, 11, 1, 10, 0, 0, DateTimeKind.Utc),
        DeliveryAddress = new OrderAddress { FullName = "Jane Smith", Address1 = "1 Old Street", Town = "London", PostCode = "EC1V 9HL", CountryCode = "GB" },
        OrderItems =
        [
            new OrderLine { OrderLineNumber = "1", SKU = "ABC", Qty = 2, PricePerUnit = 9.99m, Options = [new("Engraving", "JS")] },
            new OrderLine { OrderLineNumber = "2", SKU = "DEF", Qty = 1, PricePerUnit = 5m },
        ],
    };

    [Fact]
    public void Validate_ValidOrder_NormalisesSpellings()
    {
        var order = Valid() with { PaymentStatus = "paid", Currency = " gbp ", DiscountType = "itemsthenpostage", MatchPostalServiceTag = "RM CLR01 ", MatchPaymentMethodTag = " paypal" };
        var result = OrderRules.Validate(order with
        {
            OrderItems = [order.OrderItems[0] with { SKU = " ABC\t" }, order.OrderItems[1]],
            DeliveryAddress = order.DeliveryAddress! with { CountryCode = "gb " },
            BillingAddress = new OrderAddress { FullName = "Jane Smith", CountryCode = "Gb" },
        });

        result.Value.PaymentStatus.Should().Be("PAID");
        result.Value.Currency.Should().Be("GBP");
        result.Value.DiscountType.Should().Be("ItemsThenPostage");
        result.Value.OrderItems.Should().OnlyContain(l => l.CancelStatus == "NONE");
        result.Value.OrderItems.Select(l => l.SKU).Should().Equal(["ABC", "DEF"], "a line's SKU is trimmed, as a listing's is");
        (result.Value.DeliveryAddress!.CountryCode, result.Value.BillingAddress!.CountryCode).Should().Be(("GB", "GB"));
        (result.Value.MatchPostalServiceTag, result.Value.MatchPaymentMethodTag).Should().Be(("RM CLR01", "paypal"), "the tags they name are trimmed too");
    }

    [Theory]
    [InlineData("CANCELED", "CANCELLED")]
    [InlineData("Cancelled", "CANCELLED")]
    public void Validate_CancelledInEitherSpelling_IsAccepted(string input, string expected)
    {
        var order = Valid() with { PaymentStatus = input, OrderItems = [new OrderLine { OrderLineNumber = "1", SKU = "A", Qty = 1, CancelStatus = "canceled" }] };

        var result = OrderRules.Validate(order).Value;

        result.PaymentStatus.Should().Be(expected);
        result.OrderItems[0].CancelStatus.Should().Be("CANCELLED");
    }

    public static TheoryData<OrderContent, string> Invalid => new()
    {
        { Valid() with { ReferenceNumber = " " }, "ReferenceNumber is required." },
        { Valid() with { PaymentStatus = "MAYBE" }, "PaymentStatus 'MAYBE' is not one of PAID, UNPAID, CANCELLED (or 0, 1, 2)." },
        { Valid() with { PaymentStatus = "" }, "PaymentStatus '' is not one of PAID, UNPAID, CANCELLED (or 0, 1, 2)." },
        { Valid() with { DeliveryAddress = null, BillingAddress = new OrderAddress() }, "The order has no address: send a DeliveryAddress or a BillingAddress." },
        { Valid() with { OrderItems = [] }, "The order has no OrderItems." },
        { Valid() with { OrderItems = [new OrderLine { OrderLineNumber = "1", SKU = "", Qty = 1 }] }, "Line 1 has an empty SKU." },
        { Valid() with { OrderItems = [new OrderLine { OrderLineNumber = "1", SKU = "A", Qty = 0 }] }, "Line 1 has Qty 0; it must be greater than 0." },
        { Valid() with { OrderItems = [new OrderLine { OrderLineNumber = "1", SKU = "A", Qty = 1 }, new OrderLine { OrderLineNumber = "1", SKU = "B", Qty = 1 }] }, "OrderLineNumber '1' appears more than once." },
        { Valid() with { OrderItems = [new OrderLine { OrderLineNumber = "", SKU = "A", Qty = 1 }] }, "Every OrderItem needs an OrderLineNumber." },
        { Valid() with { OrderItems = [new OrderLine { OrderLineNumber = "1", SKU = "GIFT", Qty = 1, IsService = true }] }, "Line 1 is a service and needs an ItemTitle." },
        { Valid() with { OrderItems = [new OrderLine { OrderLineNumber = "1", SKU = "A", Qty = 1, CancelStatus = "MAYBE" }] }, "Line 1 has CancelStatus 'MAYBE'; use NONE or CANCELLED (or 0, 1)." },
        { Valid() with { OrderItems = [new OrderLine { OrderLineNumber = "1", SKU = "A", Qty = 1, Options = [new("Size", "M"), new("size", "L")] }] }, "Line 1 repeats option 'Size'." },
        { Valid() with { ExtendedProperties = [new("Gift", "x", null), new("gift", "y", null)] }, "ExtendedProperty 'Gift' appears more than once." },
        { Valid() with { Currency = "POUNDS" }, "Currency 'POUNDS' is not an ISO 4217 code." },
        { Valid() with { DiscountType = "Sometimes" }, "DiscountType 'Sometimes' is not one of AllEvenly, ItemsThenPostage, PostageThenItems (or 0, 1, 2)." },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Validate_BrokenRule_IsRejectedWithItsReason(OrderContent order, string error) =>
        OrderRules.Validate(order).Errors.Select(e => e.Message).Should().Contain(error);

    [Fact]
    public void Validate_BillingAddressAlone_IsEnough() =>
        OrderRules.Validate(Valid() with { DeliveryAddress = null, BillingAddress = new OrderAddress { FullName = "Jane" } }).IsSuccess.Should().BeTrue();

    [Fact]
    public void Validate_UnsetOptionalDates_ReadAsLeftOut()
    {
        var unset = DateTime.MinValue;
        var sent = Valid() with { PaidOn = unset, DispatchBy = unset.AddHours(5), Notes = [new OrderNote { Note = "n", NoteEntryDate = unset }] };
        var leftOut = Valid() with { Notes = [new OrderNote { Note = "n" }] };

        var result = OrderRules.Validate(sent).Value;

        result.PaidOn.Should().BeNull();
        result.DispatchBy.Should().BeNull();
        result.Notes.Single().NoteEntryDate.Should().BeNull();
        result.Should().BeEquivalentTo(OrderRules.Validate(leftOut).Value);
    }

    [Fact]
    public void Validate_AnUnsetReceivedDate_IsRefusedAsUnset_AndOtherEarlyDatesStayRefused()
    {
        OrderRules.Validate(Valid() with { ReceivedDate = DateTime.MinValue }).Errors.Select(e => e.Message).Should()
            .Equal("ReceivedDate is unset (0001-01-01, a default DateTime); send when the order was placed (UTC).");
        OrderRules.Validate(Valid() with { PaidOn = new DateTime(1999, 12, 31, 0, 0, 0, DateTimeKind.Utc) }).Errors.Select(e => e.Message).Should()
            .Equal("PaidOn 1999-12-31 is before 2000-01-01; send the real date or leave it out.");
        OrderRules.Validate(Valid() with { DispatchBy = new DateTime(1, 1, 2, 0, 0, 0, DateTimeKind.Utc) }).IsSuccess.Should().BeFalse("only 0001-01-01 means unset");
    }

    [Fact]
    public void Validate_AmountsPastMoneysMaximum_AndPercentsOutside0To100_AreRefusedByName()
    {
        var huge = decimal.MaxValue;
        var line = new OrderLine { OrderLineNumber = "7", SKU = "A", Qty = int.MaxValue, PricePerUnit = huge, TaxRate = 2000, LinePercentDiscount = -1 };
        OrderRules.Validate(Valid() with { PostalServiceCost = huge, PostalServiceTaxRate = 100.01m, OrderItems = [line] }).Errors.Select(e => e.Message).Should().Equal(
            "PostalServiceCost and Discount cannot be more than 999999999999999.9999.",
            "PostalServiceTaxRate is 100.01; a percent is from 0 to 100.",
            "Line 7 has a PricePerUnit of more than 999999999999999.9999.",
            "Line 7: TaxRate is 2000; a percent is from 0 to 100.",
            "Line 7: LinePercentDiscount is -1; a percent is from 0 to 100.");
        var edge = new OrderLine { OrderLineNumber = "1", SKU = "A", Qty = 1, PricePerUnit = 999_999_999_999_999.9999m, TaxRate = 0.2m, LinePercentDiscount = 100 };
        OrderRules.Validate(Valid() with { PostalServiceTaxRate = 100, OrderItems = [edge] }).IsSuccess.Should().BeTrue("0.2 and 100 are percents, and Money's maximum is an amount");
    }

    [Fact]
    public void Validate_DatesFrom2100On_AreRefusedByName_DateTimeMaxValueAmongThem()
    {
        var last = DateTime.SpecifyKind(DateTime.MaxValue, DateTimeKind.Utc);
        OrderRules.Validate(Valid() with { ReceivedDate = last, DispatchBy = null }).Errors.Select(e => e.Message).Should()
            .Equal("ReceivedDate 9999-12-31 is after 2099-12-31; send the real date or leave it out.");
        OrderRules.Validate(Valid() with { DispatchBy = new DateTime(2100, 1, 1, 0, 0, 0, DateTimeKind.Utc), Notes = [new OrderNote { Note = "n", NoteEntryDate = last }] })
            .Errors.Select(e => e.Message).Should().Equal(
                "DispatchBy 2100-01-01 is after 2099-12-31; send the real date or leave it out.",
                "Notes.NoteEntryDate 9999-12-31 is after 2099-12-31; send the real date or leave it out.");
        OrderRules.Validate(Valid() with { DispatchBy = new DateTime(2099, 12, 31, 23, 59, 59, DateTimeKind.Utc) }).IsSuccess.Should().BeTrue();
    }

    [Theory]
    [InlineData("16.658333", "16.6583")]
    [InlineData("0.00005", "0.0001")]
    [InlineData("2.00004999", "2.0000")]
    [InlineData("9.99", "9.99")]
    public void Validate_Money_IsRoundedToFourPlaces_HalfAwayFromZero(string sent, string stored)
    {
        var amount = decimal.Parse(sent, System.Globalization.CultureInfo.InvariantCulture);
        var order = Valid() with { PostalServiceCost = amount, Discount = amount, OrderItems = [new OrderLine { OrderLineNumber = "1", SKU = "A", Qty = 1, PricePerUnit = amount }] };

        var result = OrderRules.Validate(order).Value;

        var expected = decimal.Parse(stored, System.Globalization.CultureInfo.InvariantCulture);
        (result.PostalServiceCost, result.Discount, result.OrderItems.Single().PricePerUnit).Should().Be((expected, expected, expected));
    }

    [Fact]
    public void Validate_TextOverItsLimit_IsNamedWhereItIs()
    {
        var longName = new string('n', OrderRules.NameText + 1);
        var order = Valid() with
        {
            BillingAddress = new OrderAddress { FullName = longName, CountryCode = "GB" },
            OrderItems = [new OrderLine { OrderLineNumber = "7", SKU = new string('s', OrderRules.ShortText + 1), Qty = 1, Options = [new("Engraving", new string('v', OrderRules.TitleText + 1))] }],
            Notes = [new OrderNote { Note = new string('x', OrderRules.LongText + 1) }],
        };

        OrderRules.Validate(order).Errors.Select(e => e.Message).Should().Equal(
            $"BillingAddress.FullName is longer than {OrderRules.NameText} characters ({OrderRules.NameText + 1}).",
            $"OrderItems[7].SKU is longer than {OrderRules.ShortText} characters ({OrderRules.ShortText + 1}).",
            $"OrderItems[7].Options.Value is longer than {OrderRules.TitleText} characters ({OrderRules.TitleText + 1}).",
            $"Notes.Note is longer than {OrderRules.LongText} characters ({OrderRules.LongText + 1}).");
    }

    [Theory]
    [InlineData(3)]
    [InlineData(40)]
    public void Validate_RepeatedNames_AreEachReportedOnce_AsFirstSent_HoweverManyItems(int count)
    {
        // Few items are compared pairwise and many are grouped (OrderRules.Repeated); both answer alike.
        var options = Enumerable.Range(0, count).Select(i => new OrderLineOption($"Opt{i}", "v")).ToList();
        options.AddRange([new("size", "M"), new("SIZE", "L"), new("Colour", "red"), new("size", "S"), new("colour", "blue")]);
        var lines = Enumerable.Range(1, count).Select(i => new OrderLine { OrderLineNumber = $"{i}", SKU = "A", Qty = 1 }).ToList();
        lines.AddRange([new OrderLine { OrderLineNumber = "2", SKU = "B", Qty = 1, Options = options }, new OrderLine { OrderLineNumber = "1", SKU = "C", Qty = 1 }]);
        var properties = new List<OrderExtendedProperty> { new("Gift", "x", null), new("Wrap", "y", null), new("GIFT", "z", null), new("wrap", "w", null), new("gift", "q", null) };

        var errors = OrderRules.Validate(Valid() with { OrderItems = lines, ExtendedProperties = properties }).Errors.Select(e => e.Message).ToList();

        errors.Should().Equal(
            "Line 2 repeats option 'size'.",
            "Line 2 repeats option 'Colour'.",
            "OrderLineNumber '1' appears more than once.",
            "OrderLineNumber '2' appears more than once.",
            "ExtendedProperty 'Gift' appears more than once.",
            "ExtendedProperty 'Wrap' appears more than once.");
    }

    [Fact]
    public void Validate_ServiceTitles_RepeatAcrossServiceLinesOnly()
    {
        var lines = new List<OrderLine>
        {
            new() { OrderLineNumber = "1", SKU = "GIFT", Qty = 1, IsService = true, ItemTitle = "Gift wrap" },
            new() { OrderLineNumber = "2", SKU = "MUG", Qty = 1, ItemTitle = "Gift wrap" },
            new() { OrderLineNumber = "3", SKU = "WRAP", Qty = 1, IsService = true, ItemTitle = "GIFT WRAP" },
        };

        OrderRules.Validate(Valid() with { OrderItems = lines }).Errors.Select(e => e.Message).Should().Equal("Service line title 'Gift wrap' appears more than once.");
        OrderRules.Validate(Valid() with { OrderItems = lines[..2] }).IsSuccess.Should().BeTrue("a product line may share a service line's title");
    }

    [Fact]
    public void Validate_AllTheText_IsCountedAgainstTheOrdersLimit_AfterTheFieldLimits()
    {
        var notes = Enumerable.Range(0, OrderRules.MaxNotes).Select(i => new OrderNote { Note = new string('n', OrderRules.LongText) }).ToList();
        // Valid() holds 57 characters of text of its own (its address, SKUs, line numbers and option).

        var errors = OrderRules.Validate(Valid() with { Notes = notes, Currency = "G1P" }).Errors.Select(e => e.Message).ToList();

        errors.Should().Equal(
            $"The order's text totals {(OrderRules.MaxNotes * OrderRules.LongText) + 57} characters; at most {OrderRules.MaxOrderTextChars} are accepted.",
            "Currency 'G1P' is not an ISO 4217 code.");
    }
}
