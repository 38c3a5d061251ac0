using ChannelBridge.Domain.Orders;

namespace ChannelBridge.Domain.UnitTests.Orders;

public class ChannelOrderTests
{
    private static readonly DateTime Now = TestData.Now;

    private static ChannelOrder NewOrder() => ChannelOrder.Receive("store", OrderRules.Validate(OrderRulesTests.Valid()).Value, "hash-1", Now);

    [Fact]
    public void Replace_SameHash_ChangesNothing_DifferentHash_Replaces()
    {
        var order = NewOrder();

        order.Replace(order.Content, "hash-1", Now.AddMinutes(1)).Should().BeFalse();
        order.LastChangedUtc.Should().Be(Now);

        order.Replace(order.Content with { PaymentStatus = "CANCELLED" }, "hash-2", Now.AddMinutes(2)).Should().BeTrue();
        order.LastChangedUtc.Should().Be(Now.AddMinutes(2));
        order.Status.Should().Be(OrderStatus.Cancelled);
    }

    [Fact]
    public void Replace_ByAnotherReference_IsRefused_AndChangesNothing()
    {
        var order = NewOrder();

        FluentActions.Invoking(() => order.Replace(order.Content with { ReferenceNumber = "OTHER" }, "hash-2", Now.AddMinutes(1)))
            .Should().Throw<ArgumentException>().WithMessage("*cannot be replaced by order OTHER*");
        order.ContentHash.Should().Be("hash-1");
        order.ReferenceNumber.Should().NotBe("OTHER");
    }

    [Fact]
    public void RecordDespatch_SplitIntoParts_CompletesWhenEveryUnitShipped()
    {
        var order = NewOrder();

        order.RecordDespatch([new PostSaleLine("1", "ABC", 1)], Now).IsSuccess.Should().BeTrue();
        order.Status.Should().Be(OrderStatus.PartiallyDespatched);
        order.RecordDespatch([new PostSaleLine("1", "ABC", 1), new PostSaleLine(null, "DEF", 1)], Now).IsSuccess.Should().BeTrue();

        order.Status.Should().Be(OrderStatus.Despatched);
        order.DespatchedQuantities.Should().Equal(new Dictionary<string, int> { ["1"] = 2, ["2"] = 1 });
    }

    [Fact]
    public void RecordDespatch_WithoutItems_ShipsTheWholeOrder()
    {
        var order = NewOrder();

        order.RecordDespatch([], Now).IsSuccess.Should().BeTrue();

        order.Status.Should().Be(OrderStatus.Despatched);
    }

    [Fact]
    public void RecordDespatch_ByPaddedSku_FindsTheLine_EvenOneStoredPadded()
    {
        var valid = OrderRulesTests.Valid();
        // Stored as it was sent, before line SKUs were trimmed.
        var stored = ChannelOrder.Receive("store", valid with { OrderItems = [valid.OrderItems[0] with { SKU = " ABC " }, valid.OrderItems[1]] }, "hash-1", Now);

        stored.RecordDespatch([new PostSaleLine(null, "ABC", 2), new PostSaleLine(null, "DEF\t", 1)], Now).IsSuccess.Should().BeTrue();

        stored.DespatchedQuantities.Should().Equal(new Dictionary<string, int> { ["1"] = 2, ["2"] = 1 });
    }

    [Fact]
    public void RecordDespatch_OfHugeQuantitiesAgain_StaysDespatched_TheSumHeldAtIntMaxValue()
    {
        var order = NewOrder();

        order.RecordDespatch([new PostSaleLine("1", "ABC", int.MaxValue), new PostSaleLine("2", "DEF", 1)], Now).IsSuccess.Should().BeTrue();
        order.RecordDespatch([new PostSaleLine("1", "ABC", int.MaxValue)], Now).IsSuccess.Should().BeTrue();

        order.DespatchedQuantities["1"].Should().Be(int.MaxValue);
        order.Status.Should().Be(OrderStatus.Despatched);
    }

    [Fact]
    public void RecordDespatch_UnknownLine_FailsAndChangesNothing()
    {
        var order = NewOrder();

        order.RecordDespatch([new PostSaleLine("1", "ABC", 1), new PostSaleLine("9", "ZZZ", 1)], Now).ErrorMessage.Should().Contain("has no line 9");

        order.DespatchedQuantities.Should().BeEmpty();
        order.Status.Should().Be(OrderStatus.Open);
    }

    [Fact]
    public void Cancellation_OfSomeLines_ThenDespatchOfTheRest_CompletesTheOrder()
    {
        var order = NewOrder();

        order.RecordCancellation([new PostSaleLine("2", "DEF", 1)], Now).IsSuccess.Should().BeTrue();
        order.Status.Should().Be(OrderStatus.Open);
        order.RecordDespatch([new PostSaleLine("1", "ABC", 2)], Now).IsSuccess.Should().BeTrue();

        order.Status.Should().Be(OrderStatus.Despatched);
    }

    [Fact]
    public void Cancellation_OfEverything_CancelsTheOrder()
    {
        var order = NewOrder();

        order.RecordCancellation([], Now).IsSuccess.Should().BeTrue();

        order.Status.Should().Be(OrderStatus.Cancelled);
    }

    [Fact]
    public void Refund_OfAnUnknownLine_Fails() =>
        NewOrder().RecordRefund([new PostSaleLine("7", null, 0)], Now).IsFailure.Should().BeTrue();

    [Fact]
    public void RefundReference_IsStableForTheFeedEntry()
    {
        new StoreUpdate(42, "s", StoreUpdateTypes.Refund, Now, "{}", "k").Reference.Should().Be("RF-00000042");
        new StoreUpdate(42, "s", StoreUpdateTypes.Despatch, Now, "{}", "k").Reference.Should().BeNull();
    }

    [Theory]
    [InlineData(10)]          // the payload read whole
    [InlineData(3_000_000)]   // the SKU read from the payload's start
    public void AListingJobsReference_IsItsSku_HoweverLongTheListing(int descriptionLength)
    {
        var listing = new { SKU = "MUG-é\"1", Description = new string('d', descriptionLength) };
        var job = System.Text.Json.JsonSerializer.Serialize(new { ChannelFeedId = "lf_1", SKU = "MUG-é\"1", Listing = listing });

        new StoreUpdate(1, "s", StoreUpdateTypes.ListingUpdate, Now, job, "k").Reference.Should().Be("MUG-é\"1");
    }

    [Fact]
    public void AListingJobsReference_IsFoundPastAListingBeforeIt_OrNullWithoutOne()
    {
        var listingFirst = System.Text.Json.JsonSerializer.Serialize(new { Listing = new { Description = new string('d', 10_000) }, SKU = "LATE-1" });
        var none = System.Text.Json.JsonSerializer.Serialize(new { ChannelFeedId = "lf_1", Listing = new { SKU = "INNER", Description = new string('d', 10_000) } });
        var number = """{"ChannelFeedId":"lf_1","SKU":42,"Listing":{}}""";

        new StoreUpdate(1, "s", StoreUpdateTypes.ListingCreate, Now, listingFirst, "k").Reference.Should().Be("LATE-1");
        new StoreUpdate(1, "s", StoreUpdateTypes.ListingDelete, Now, none, "k").Reference.Should().BeNull("the listing's own SKU is not the job's");
        new StoreUpdate(1, "s", StoreUpdateTypes.ListingUpdate, Now, number, "k").Reference.Should().BeNull();
    }
}
