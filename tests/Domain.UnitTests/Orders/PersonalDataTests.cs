using ChannelBridge.Domain.Orders;

namespace ChannelBridge.Domain.UnitTests.Orders;

public class PersonalDataTests
{
    private static readonly DateTime Now = new(2026, 11, 1, 10, 0, 0, DateTimeKind.Utc);

    private static OrderContent Full() => OrderRulesTests.Valid() with
    {
        ChannelBuyerName = "jsmith",
        BuyerTaxNumber = "GB123",
        BillingAddress = new OrderAddress { FullName = "Jane Smith", Company = "Smith Ltd", Address1 = "1 Old St", Town = "London", PostCode = "EC1", Country = "UK", CountryCode = "GB", PhoneNumber = "0207", EmailAddress = "j@x.com" },
        ExtendedProperties = [new("GiftMessage", "For Jane", "Info")],
        Notes = [new OrderNote { Note = "Ring Jane", NoteUserName = "jane", NoteEntryDate = Now, IsInternal = true }],
    };

    [Fact]
    public void WithoutPersonalData_EmptiesEveryPersonalField_AndKeepsWhatIsNot()
    {
        var erased = Full().WithoutPersonalData();

        erased.ChannelBuyerName.Should().BeEmpty();
        erased.BuyerTaxNumber.Should().BeEmpty();
        erased.BillingAddress.Should().BeEquivalentTo(new OrderAddress
        {
            FullName = "", Company = "", Address1 = "", Town = "", PostCode = "", Country = "UK", CountryCode = "GB", PhoneNumber = "", EmailAddress = "",
        });
        erased.DeliveryAddress!.FullName.Should().BeEmpty();
        erased.ExtendedProperties.Single().Should().Be(new OrderExtendedProperty("GiftMessage", "", "Info"));
        erased.Notes.Single().Should().Be(new OrderNote { Note = "", NoteUserName = "", NoteEntryDate = Now, IsInternal = true });
        erased.ReferenceNumber.Should().Be("100045");
        erased.OrderItems.Should().BeEquivalentTo(Full().OrderItems);
        erased.ReceivedDate.Should().Be(Full().ReceivedDate);
    }

    [Fact]
    public void ErasePersonalData_KeepsTheHash_OnlyOnce_AndAChangedOrderHoldsWhatWasSent()
    {
        var order = ChannelOrder.Receive("s", Full(), "hash-1", Now);

        order.ErasePersonalData(Now).Should().BeTrue();
        order.ErasePersonalData(Now).Should().BeFalse();
        order.ContentHash.Should().Be("hash-1");
        order.Replace(Full(), "hash-1", Now).Should().BeFalse("the same order again brings nothing back");
        order.Content.BillingAddress!.FullName.Should().BeEmpty();

        order.Replace(Full() with { Currency = "EUR" }, "hash-2", Now).Should().BeTrue();
        order.ErasedUtc.Should().BeNull("a changed order holds what the channel sent, until erased again");
        order.Content.BillingAddress!.FullName.Should().Be("Jane Smith");
    }

    [Fact]
    public void APaymentStatusChange_OfAnErasedOrder_IsRefused_TheSameStatusIsUnchanged_AndItsHashStays()
    {
        var order = ChannelOrder.Receive("s", Full() with { PaymentStatus = PaymentStatus.Unpaid }, "hash-1", Now);
        order.ErasePersonalData(Now).Should().BeTrue();

        var cancelled = order.ChangePaymentStatus(order.Content with { PaymentStatus = PaymentStatus.Cancelled }, "hash-2", Now.AddHours(1));
        var same = order.ChangePaymentStatus(order.Content with { PaymentStatus = PaymentStatus.Unpaid }, "hash-3", Now.AddHours(1));

        cancelled.IsFailure.Should().BeTrue("Linnworks never downloads an erased order again, so the cancellation would reach nobody");
        cancelled.Errors.Single().Message.Should().Contain("erased").And.Contain("send the whole order");
        same.TryGetValue(out var changed).Should().BeTrue();
        changed.Should().BeFalse("the status it holds, sent again");
        (order.ContentHash, order.Status, order.LastChangedUtc, order.Content.PaymentStatus).Should().Be(("hash-1", OrderStatus.Open, Now, PaymentStatus.Unpaid));
        order.Replace(Full() with { PaymentStatus = PaymentStatus.Unpaid }, "hash-1", Now.AddHours(2)).Should().BeFalse("the order as the channel sent it is still Unchanged");
    }

    [Fact]
    public void APaymentStatusChange_OfAnOrderHoldingItsBuyer_IsTaken()
    {
        var order = ChannelOrder.Receive("s", Full() with { PaymentStatus = PaymentStatus.Unpaid }, "hash-1", Now);

        order.ChangePaymentStatus(order.Content with { PaymentStatus = PaymentStatus.Paid }, "hash-2", Now.AddHours(1)).Value.Should().BeTrue();

        (order.ContentHash, order.Content.PaymentStatus, order.LastChangedUtc).Should().Be(("hash-2", PaymentStatus.Paid, Now.AddHours(1)));
    }

    [Fact]
    public void HasEmail_MatchesBillingOrDelivery_IgnoringCase() =>
        (Full().HasEmail("J@X.COM"), Full().HasEmail("other@x.com")).Should().Be((true, false));
}
