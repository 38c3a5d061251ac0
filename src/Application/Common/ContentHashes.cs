using System.Security.Cryptography;
using System.Text.Json;

namespace ChannelBridge.Application.Common;

/// <summary>SHA-256 of a value's JSON: equal for an identical re-send, different for any change.</summary>
internal static class ContentHashes
{
    public static string Of<T>(T value) => WithJson(value).Hash;

    /// <summary>The hash and the JSON it is taken of, for a caller that keeps the JSON (an order's stored content).</summary>
    public static (byte[] Json, string Hash) WithJson<T>(T value)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(value);
        return (json, OfJson(json));
    }

    /// <summary>The hash of a value already written as JSON with System.Text.Json's default options: <see cref="Of{T}(T)"/> of that value.</summary>
    public static string OfJson(ReadOnlySpan<byte> utf8Json) => Convert.ToHexStringLower(SHA256.HashData(utf8Json));

    /// <summary>A key for a feed entry: its type, then the hash.</summary>
    public static string Of<T>(string prefix, T value) => prefix + ":" + Of(value);
}
