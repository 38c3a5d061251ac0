using ChannelBridge.Domain.Common;

namespace ChannelBridge.Domain.UnitTests.Common;

public class SecretHashTests
{
    [Fact]
    public void Of_SameSecret_MatchesAndRoundTripsThroughHex()
    {
        var hash = SecretHash.Of("s3cret");

        hash.Matches("s3cret").Should().BeTrue();
        hash.Matches("s3cret ").Should().BeFalse();
        hash.Matches(null).Should().BeFalse();
        SecretHash.FromHex(hash.Hex).Should().Be(hash);
        hash.Hex.Should().HaveLength(64).And.NotContain("s3cret");
    }

    [Fact]
    public void ToString_DoesNotRevealTheWholeHash()
    {
        var hash = SecretHash.Of("s3cret");

        hash.ToString().Should().NotContain(hash.Hex);
    }

    [Theory]
    [InlineData("")]
    [InlineData("ABCDEF")]
    [InlineData("zz00000000000000000000000000000000000000000000000000000000000000")]
    public void FromHex_NotAHash_Throws(string hex) =>
        FluentActions.Invoking(() => SecretHash.FromHex(hex)).Should().Throw<ArgumentException>();

    [Fact]
    public void NewHexToken_Is256BitsOfLowerHexAndUnique()
    {
        var tokens = Enumerable.Range(0, 100).Select(_ => Secrets.NewHexToken()).ToList();

        tokens.Should().OnlyHaveUniqueItems().And.AllSatisfy(t => t.Should().MatchRegex("^[0-9a-f]{64}$"));
    }
}
