using System.Security.Cryptography;
using System.Text.Json;
using ChannelBridge.Application.Common.Json;
using ChannelBridge.Domain.Orders;

namespace ChannelBridge.Application.Common;

/// <summary>SHA-256 of a value's JSON: equal for an identical re-send, different for any change.</summary>
internal static class ContentHashes
{
    public static string Of<T>(T value) => WithJson(value).Hash;

    /// <summary>The hash and the JSON it is taken of.</summary>
    public static (byte[] Json, string Hash) WithJson<T>(T value)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(value);
        return (json, OfJson(json));
    }

    /// <summary>
    /// <see cref="WithJson{T}(T)"/> of an order's content, for the upsert, which keeps the JSON as the stored content:
    /// written by its generated serializer (<see cref="OrderContentJson"/>), the same bytes in less CPU.
    /// </summary>
    public static (byte[] Json, string Hash) WithJson(OrderContent content)
    {
        var json = OrderContentJson.Write(content);
        return (json, OfJson(json));
    }

    /// <summary>The hash of a value already written as JSON with System.Text.Json's default options: <see cref="Of{T}(T)"/> of that value.</summary>
    public static string OfJson(ReadOnlySpan<byte> utf8Json) => Convert.ToHexStringLower(SHA256.HashData(utf8Json));

    /// <summary>A key for a feed entry: its type, then the hash.</summary>
    public static string Of<T>(string prefix, T value) => prefix + ":" + Of(value);
}
