using System.Buffers;
using System.Globalization;
using System.Text.Json;
using ChannelBridge.Domain.Orders;

namespace ChannelBridge.Infrastructure.Webhooks;

/// <summary>
/// A delivery's body, written once as UTF-8: the update's fields and its stored payload, which is JSON already and goes
/// in as it is (checked, not parsed into a document and written again). A listing job's payload runs to megabytes; the
/// signature is taken over these same bytes, and they are the request's content. A payload that is not JSON (changed or
/// damaged in the database) is delivered as the feed answers it, null with an Error.
/// </summary>
internal static class WebhookRequestBody
{
    public static ReadOnlyMemory<byte> Write(StoreUpdate update) => Write(update, out _);

    /// <param name="unreadable">Whether the stored payload was not JSON, and the body carries an Error instead.</param>
    public static ReadOnlyMemory<byte> Write(StoreUpdate update, out bool unreadable)
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
            unreadable = !WritePayload(writer, update.Payload);
            writer.WriteEndObject();
        }

        return buffer.WrittenMemory;
    }

    /// <summary>
    /// The stored payload as it is, checked once; one that is not JSON as the feed answers it, null with an Error (false).
    /// </summary>
    private static bool WritePayload(Utf8JsonWriter writer, string payload)
    {
        var utf8 = ArrayPool<byte>.Shared.Rent(System.Text.Encoding.UTF8.GetByteCount(payload));
        try
        {
            var length = System.Text.Encoding.UTF8.GetBytes(payload, utf8);
            if (IsJson(utf8.AsSpan(0, length)))
            {
                writer.WriteRawValue(utf8.AsSpan(0, length), skipInputValidation: true);
                return true;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(utf8);
        }

        // Without the payload, so the webhook delivers on past it.
        writer.WriteNullValue();
        writer.WriteString("Error", StoreUpdate.UnreadablePayload);
        return false;
    }

    /// <summary>
    /// Whether the stored payload is one JSON value: what <see cref="Utf8JsonWriter.WriteRawValue(ReadOnlySpan{byte}, bool)"/>
    /// checks before writing, done here so that a payload that is not is answered instead of stopping the deliveries.
    /// </summary>
    private static bool IsJson(ReadOnlySpan<byte> payload)
    {
        var reader = new Utf8JsonReader(payload);
        try
        {
            return reader.Read() && reader.TrySkip() && !reader.Read();
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
