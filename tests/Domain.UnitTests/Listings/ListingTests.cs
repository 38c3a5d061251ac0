using ChannelBridge.Domain.Listings;

namespace ChannelBridge.Domain.UnitTests.Listings;

public class ListingTests
{
    [Fact]
    public void Validate_ReferenceDefaultsToSku_AndValuesAreTrimmed()
    {
        var data = Listing.Validate(" ABC ", " Mug ", 5, 9.99m, null).Value;

        data.Should().Be(new ListingData("ABC", "Mug", 5, 9.99m, "ABC"));
    }

    [Theory]
    [InlineData("", "Mug", 1, null, null, "SKU is required.")]
    [InlineData("A", " ", 1, null, null, "Title is required.")]
    [InlineData("A", "Mug", -1, null, null, "Quantity cannot be negative.")]
    [InlineData("A", "Mug", 1, -0.01, null, "Price cannot be negative.")]
    [InlineData("A", "Mug", 1, null, "01234567890123456789012345678901234567890123456789012345678901234", "Reference is longer than 64 characters (Linnworks keys updates on it).")]
    public void Validate_BrokenRule_IsRejected(string sku, string title, int quantity, double? price, string? reference, string error) =>
        Listing.Validate(sku, title, quantity, (decimal?)price, reference).Errors.Select(e => e.Message).Should().Contain(error);

    [Theory]
    [InlineData("16.658333", "16.6583")]
    [InlineData("9.12345", "9.1235")]
    [InlineData("999999999999999.9999", "999999999999999.9999")]
    public void Validate_APriceWithMorePlaces_IsRoundedNotRefused(string sent, string stored) =>
        Listing.Validate("A", "Mug", 1, decimal.Parse(sent, System.Globalization.CultureInfo.InvariantCulture), null).Value.Price
            .Should().Be(decimal.Parse(stored, System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public void Validate_APriceBeyondWhatTheDatabasesHold_IsRefused() =>
        Listing.Validate("A", "Mug", 1, 1_000_000_000_000_000m, null).Errors.Select(e => e.Message).Should().Equal("Price is more than 999999999999999.9999.");

    [Fact]
    public void Validate_ReferenceOf64_IsAccepted() =>
        Listing.Validate("A", "Mug", 0, null, new string('r', 64)).IsSuccess.Should().BeTrue();

    [Fact]
    public void Replace_SameData_ChangesNothing()
    {
        var listing = Listing.Create("s", Listing.Validate("A", "Mug", 1, 2m, null).Value, TestData.Now);

        listing.Replace(Listing.Validate("A", "Mug", 1, 2m, "A").Value, TestData.Now.AddDays(1)).Should().BeFalse();
        listing.Replace(Listing.Validate("A", "Mug", 2, 2m, null).Value, TestData.Now.AddDays(1)).Should().BeTrue();
        listing.Quantity.Should().Be(2);
    }

    [Fact]
    public void ApplyInventory_SameUpdateTwice_IsARetry_ANewOneApplies()
    {
        var listing = Listing.Create("s", Listing.Validate("A", "Mug", 1, 2m, null).Value, TestData.Now);

        listing.ApplyInventory(10, "h1", TestData.Now).Value.Should().BeTrue();
        listing.ApplyInventory(10, "h1", TestData.Now).Value.Should().BeFalse();
        listing.ApplyInventory(4, "h2", TestData.Now).Value.Should().BeTrue();
        listing.ApplyInventory(-1, "h3", TestData.Now).IsFailure.Should().BeTrue();

        listing.Quantity.Should().Be(4);
    }

    [Fact]
    public void ApplyPrice_RecordsThePrice()
    {
        var listing = Listing.Create("s", Listing.Validate("A", "Mug", 1, null, null).Value, TestData.Now);

        listing.ApplyPrice(10.99m, null, "p1", TestData.Now).Value.Should().BeTrue();
        listing.ApplyPrice(-1m, null, "p2", TestData.Now).IsFailure.Should().BeTrue();

        listing.Price.Should().Be(10.99m);
    }
}
