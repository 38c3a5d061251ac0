using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ChannelBridge.Domain.Orders;
using ChannelBridge.Infrastructure.Webhooks;

namespace ChannelBridge.Infrastructure.IntegrationTests;

/// <summary>
/// A delivery's body is written from the stored payload as it is, not parsed and serialized again; receivers see the same
/// bytes as the update serialized whole, escaping included, and the signatures are the HMACs of those bytes.
/// </summary>
public sealed class WebhookRequestBodyTests
{
    public static TheoryData<StoreUpdate> Updates() => new()
    {
        new StoreUpdate(1, "store-1", StoreUpdateTypes.Despatch, new DateTime(2026, 12, 6, 9, 30, 5, DateTimeKind.Utc), JsonSerializer.Serialize(new { ReferenceNumber = "W-1", ShippingVendor = "Royal Mail", Items = new[] { new { SKU = "A", Quantity = 2 } } }), "k1"),
        new StoreUpdate(2, "store-1", StoreUpdateTypes.Refund, DateTime.UnixEpoch, JsonSerializer.Serialize(new { ReferenceNumber = "W-2", Amount = 12.3456m }), "k2"),
        ListingJob(),
    };

    /// <summary>A listing job: its Reference is the SKU read from the payload; markup, non-ASCII and control characters to escape.</summary>
    private static StoreUpdate ListingJob() => new(3, "störe-<2>", StoreUpdateTypes.ListingUpdate, DateTime.UtcNow, JsonSerializer.Serialize(new
    {
        ChannelFeedId = 7,
        SKU = "MUG-é&<1>",
        Listing = new { Title = "Mug \"blue\"", Description = "<p>Hand glazed — 350 ml & safe.</p>\n\t\u0001 😀", Price = 9.990000000001m },
    }), "k3");

    [Theory]
    [MemberData(nameof(Updates))]
    public void TheBody_IsTheUpdateSerializedWhole_ByteForByte(StoreUpdate update)
    {
        var whole = JsonSerializer.SerializeToUtf8Bytes(new
        {
            update.Cursor,
            update.StoreId,
            update.Type,
            ReceivedUtc = update.ReceivedUtc.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            update.Reference,
            Payload = JsonElement.Parse(update.Payload),
        });

        WebhookRequestBody.Write(update, out var unreadable).ToArray().Should().Equal(whole);
        unreadable.Should().BeFalse();
    }

    [Theory]
    [InlineData(StoreUpdateTypes.Despatch, "{\"ReferenceNumber\":\"W-1\"", null)]
    [InlineData(StoreUpdateTypes.Cancel, "<redacted>", null)]
    [InlineData(StoreUpdateTypes.Refund, "{\"a\":1} trailing", "RF-00000004")]
    [InlineData(StoreUpdateTypes.ListingUpdate, "", null)]
    [InlineData(StoreUpdateTypes.ListingUpdate, "{\"SKU\":\"B\",\"Listing\":{\"Title\":\"x\"}}}", "B")]
    [InlineData(StoreUpdateTypes.ListingDelete, "<redacted>", null)]
    public void AStoredPayloadThatIsNotJson_IsDeliveredAsNullWithAnError_AndTheRestOfTheUpdateAsIs(string type, string payload, string? reference)
    {
        var update = new StoreUpdate(4, "store-1", type, DateTime.UnixEpoch, payload, "k4");

        var body = JsonElement.Parse(WebhookRequestBody.Write(update, out var unreadable).Span);

        unreadable.Should().BeTrue("the delivery service logs it for the operator");

        body.GetProperty("Cursor").GetInt64().Should().Be(4);
        body.GetProperty("Type").GetString().Should().Be(type);
        body.GetProperty("Payload").ValueKind.Should().Be(JsonValueKind.Null);
        body.GetProperty("Error").GetString().Should().Be(StoreUpdate.UnreadablePayload);
        body.GetProperty("Reference").GetString().Should().Be(reference, "a listing job's SKU is read where the payload can be read up to it");
    }

    [Fact]
    public void TheSignatures_AreTheHmacsOfTheIdTimestampAndBody_AsTheirSchemesDefineThem()
    {
        var update = ListingJob();
        var body = WebhookRequestBody.Write(update);
        var text = Encoding.UTF8.GetString(body.Span);
        var key = RandomNumberGenerator.GetBytes(32);
        var secret = Domain.Stores.Webhook.SecretPrefix + Convert.ToBase64String(key);
        const string legacySecret = "an older secret";

        WebhookSignature.Sign([secret], "store-1:3", 1_765_000_000, body)
            .Should().Be("v1," + Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"store-1:3.1765000000.{text}"))));
        WebhookSignature.SignLegacy(legacySecret, 1_765_000_000, body)
            .Should().Be("v1=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(legacySecret), Encoding.UTF8.GetBytes($"1765000000.{text}"))));
    }
}
