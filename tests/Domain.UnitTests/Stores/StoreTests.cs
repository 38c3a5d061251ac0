using ChannelBridge.Domain.Stores;

namespace ChannelBridge.Domain.UnitTests.Stores;

public class StoreTests
{
    [Fact]
    public void Create_ValidName_IsActiveWithAKeyThatOnlyItsHashRemembers()
    {
        var (store, key) = Store.Create("  Demo shop ", TestData.Now).Value;

        store.Name.Should().Be("Demo shop");
        store.IsActive.Should().BeTrue();
        key.Should().StartWith("sk_").And.HaveLength(46);
        store.Access.KeyMatches(key).Should().BeTrue();
        store.KeyHash.Hex.Should().NotContain(key);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    public void Create_NoName_Fails(string? name) => Store.Create(name, TestData.Now).IsFailure.Should().BeTrue();

    [Fact]
    public void Create_NameTooLong_Fails() => Store.Create(new string('x', Store.NameMaxLength + 1), TestData.Now).IsFailure.Should().BeTrue();

    [Fact]
    public void RotateKey_OldKeyStopsMatching()
    {
        var (store, oldKey) = TestData.NewStore();

        var newKey = store.RotateKey(TestData.Now.AddMinutes(1));

        store.Access.KeyMatches(oldKey).Should().BeFalse();
        store.Access.KeyMatches(newKey).Should().BeTrue();
        newKey.Should().NotBe(oldKey);
    }

    [Fact]
    public void ReplaceTags_ValidSet_ReplacesOnlyThatKind()
    {
        var (store, _) = TestData.NewStore();
        store.ReplaceTags(TagKind.Payment, [("paypal", "PayPal", null)], TestData.Now);

        var result = store.ReplaceTags(TagKind.Shipping, [("RM CLR01", "Royal Mail", ""), ("dpd", "DPD", "UK")], TestData.Now);

        result.IsSuccess.Should().BeTrue();
        store.ShippingTags.Select(t => t.Tag).Should().Equal("RM CLR01", "dpd");
        store.ShippingTags[1].Site.Should().Be("UK");
        store.PaymentTags.Should().ContainSingle().Which.Site.Should().Be(string.Empty);
    }

    [Theory]
    [InlineData("", "Name", "")]
    [InlineData("tag", "", "")]
    [InlineData("0123456789012345678901234567890123456789012345678901234567890123X", "Name", "")]
    [InlineData("tag", "Name", "01234567890123456789012345")]
    public void ReplaceTags_InvalidTag_FailsAndChangesNothing(string tag, string friendlyName, string site)
    {
        var (store, _) = TestData.NewStore();
        store.ReplaceTags(TagKind.Shipping, [("keep", "Keep me", "")], TestData.Now);

        var result = store.ReplaceTags(TagKind.Shipping, [("ok", "Fine", ""), (tag, friendlyName, site)], TestData.Now);

        result.IsFailure.Should().BeTrue();
        store.ShippingTags.Should().ContainSingle().Which.Tag.Should().Be("keep");
    }

    [Fact]
    public void ReplaceTags_FriendlyNameAt255_IsAccepted() =>
        TestData.NewStore().Store.ReplaceTags(TagKind.Shipping, [("t", new string('n', 255), new string('s', 25))], TestData.Now).IsSuccess.Should().BeTrue();

    [Fact]
    public void ReplaceTags_TrimsEachValue_SoTheTagIsTheKeyAnOrderNames()
    {
        var (store, _) = TestData.NewStore();

        store.ReplaceTags(TagKind.Shipping, [(" RM CLR01\t", " Royal Mail ", " UK "), (new string('t', 64) + " ", "T", null)], TestData.Now).IsSuccess.Should().BeTrue();

        store.ShippingTags.Select(t => (t.Tag, t.FriendlyName, t.Site)).Should().Equal(("RM CLR01", "Royal Mail", "UK"), (new string('t', 64), "T", ""));
    }

    [Fact]
    public void ReplaceTags_DuplicateTag_Fails()
    {
        var (store, _) = TestData.NewStore();

        var result = store.ReplaceTags(TagKind.Shipping, [("dpd", "DPD", ""), (" dpd ", "DPD again", "")], TestData.Now);

        result.ErrorMessage.Should().Contain("more than once");
    }
}
