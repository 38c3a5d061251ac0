using System.Text.Json;
using ChannelBridge.Application.Common.Json;
using ChannelBridge.Domain.Orders;

namespace ChannelBridge.Infrastructure.Persistence;

/// <summary>
/// The stored form of an order's content (<c>Orders.ContentJson</c>), numbered by <c>Orders.ContentFormat</c>, so a
/// change to <see cref="OrderContent"/> that changes what is written gets a new number and a reader for the old one,
/// instead of old rows being misread. Format 1: System.Text.Json's defaults (PascalCase as declared, nulls written), written
/// by the generated serializer of <see cref="OrderContentJson"/> and read with options of its own, so nothing configured
/// elsewhere can change what is stored or how it is read.
/// </summary>
internal static class OrderContentFormat
{
    public const int Current = 1;

    private static readonly JsonSerializerOptions Format1 = new();

    public static string Write(OrderContent content) => JsonSerializer.Serialize(content, OrderContentJson.TypeInfo);

    /// <summary>
    /// The order's content in today's format. Format 1 is what System.Text.Json writes with its default options, so
    /// the JSON the caller hashed (<see cref="OrderToSave.ContentJson"/>) is stored as it is, not written again.
    /// </summary>
    public static string Write(OrderToSave toSave) =>
        toSave.ContentJson is { } json ? System.Text.Encoding.UTF8.GetString(json) : Write(toSave.Order.Content);

    /// <summary><see cref="Write(OrderToSave)"/> as UTF-8.</summary>
    public static byte[] WriteUtf8(OrderToSave toSave) => toSave.ContentJson ?? OrderContentJson.Write(toSave.Order.Content);

    public static OrderContent Read(string json, int format) => format switch
    {
        1 => JsonSerializer.Deserialize<OrderContent>(json, Format1) ?? throw new InvalidDataException("An order's stored content is null."),
        _ => throw new InvalidDataException(
            $"An order is stored in content format {format}; this version of ChannelBridge reads up to {Current}. Run the newer version, or migrate back."),
    };
}
