using ChannelBridge.Domain.Listings;
using ChannelBridge.Infrastructure.Persistence.Queries;

namespace ChannelBridge.Infrastructure.IntegrationTests;

/// <summary>
/// A Products page merges the run's listed rows with its listings deleted since it began, read a moment later: a listing
/// deleted between the two reads is in both, and counts once, or a recount elsewhere would end the page one row later.
/// </summary>
public class ListingPageCountTests
{
    [Fact]
    public void AListingInBothReads_CountsOnce_AndIsNotServed()
    {
        var (listings, lastId, more) = ListingQueries.Counted(Listed(1, 2, 3, 4), [2], pageSize: 3);

        listings.Select(l => l.SKU).Should().Equal("S1", "S3");
        (lastId, more).Should().Be((3L, true), "rows 1, 2 and 3 fill the page; 4 follows");
    }

    [Fact]
    public void DeletedRows_AreCountedInIdOrder_AndCanEndThePage()
    {
        var (listings, lastId, more) = ListingQueries.Counted(Listed(1, 4), [2, 3, 5], pageSize: 3);
        var (rest, lastOfRest, moreAfterRest) = ListingQueries.Counted(Listed(4), [5], pageSize: 3);

        listings.Select(l => l.SKU).Should().Equal("S1");
        (lastId, more).Should().Be((3L, true));
        rest.Select(l => l.SKU).Should().Equal("S4");
        (lastOfRest, moreAfterRest).Should().Be((5L, false), "the run's last row is a deleted one");
    }

    [Fact]
    public void NoRows_HaveNoLastId()
    {
        var (listings, lastId, more) = ListingQueries.Counted([], [], pageSize: 100);

        listings.Should().BeEmpty();
        (lastId, more).Should().Be(((long?)null, false));
    }

    private static List<(long Id, ListingData Listing)> Listed(params long[] ids) =>
        [.. ids.Select(id => (id, new ListingData($"S{id}", "T", 1, null, $"S{id}")))];
}
