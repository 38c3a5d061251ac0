using System.Buffers;
using System.Globalization;
using System.Text.Json;
using ChannelBridge.Domain.Orders;

namespace ChannelBridge.Infrastructure.Webhooks;

/// <summary>
/// A delivery's body, written once as UTF-8: the update's fields and its stored payload, which is JSON already and goes
/// in as it is (checked, not parsed into a document and written again). A listing job's payload runs to megabytes; the
/// signature is taken over these same bytes, and they are the request's content.
/// </summary>
internal static class WebhookRequestBody
{
    public static ReadOnlyMemory<byte> Write(StoreUpdate update)
    {
        var buffer = new ArrayBufferWriter<byte>(update.Payload.Length + 256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber(nameof(StoreUpdate.Cursor), update.Cursor);
            writer.WriteString(nameof(StoreUpdate.StoreId), update.StoreId);
            writer.WriteString(nameof(StoreUpdate.Type), update.Type);
            writer.WriteString(nameof(StoreUpdate.ReceivedUtc), update.ReceivedUtc.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            writer.WriteString(nameof(StoreUpdate.Reference), update.Reference);
            writer.WritePropertyName(nameof(StoreUpdate.Payload));
            writer.WriteRawValue(update.Payload);
            writer.WriteEndObject();
        }

        return buffer.WrittenMemory;
    }
}
