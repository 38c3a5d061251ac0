using System.Globalization;
using System.Text.Json;
using ChannelBridge.Application.Common.Json;

namespace ChannelBridge.Application.UnitTests.Common.Json;

/// <summary>Dates are written as Linnworks documents them, <c>yyyy-MM-dd HH:mm:ssZ</c>, always in UTC, whatever their kind.</summary>
public class LinnworksDateTimeConverterTests
{
    public static TheoryData<DateTime, string> Dates() => new()
    {
        { new DateTime(2026, 12, 5, 9, 7, 3, DateTimeKind.Utc).AddTicks(9_999_999), "2026-12-05 09:07:03Z" },
        { new DateTime(2026, 12, 5, 9, 7, 3, DateTimeKind.Unspecified), "2026-12-05 09:07:03Z" },
        { DateTime.MinValue, "0001-01-01 00:00:00Z" },
        { DateTime.SpecifyKind(DateTime.MaxValue, DateTimeKind.Utc), "9999-12-31 23:59:59Z" },
    };

    [Theory]
    [MemberData(nameof(Dates))]
    public void ADate_IsWrittenInTheDocumentedForm(DateTime value, string expected)
    {
        JsonSerializer.Serialize(value, LinnworksWireJson.WriteOptions).Should().Be($"\"{expected}\"");
    }

    [Fact]
    public void ALocalDate_IsWrittenAsItsUtcInstant()
    {
        var local = new DateTime(2026, 7, 1, 12, 0, 0, DateTimeKind.Local);

        JsonSerializer.Serialize(local, LinnworksWireJson.WriteOptions).Should()
            .Be($"\"{local.ToUniversalTime().ToString(LinnworksDateTimeConverter.WireFormat, CultureInfo.InvariantCulture)}\"");
    }
}
