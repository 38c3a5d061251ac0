using System.Security.Cryptography;
using System.Text.Json;
using ChannelBridge.Domain.Orders;

namespace ChannelBridge.Application.Orders;

/// <summary>SHA-256 of the order's canonical JSON: equal for an identical re-send, different for any change.</summary>
internal static class OrderContentHash
{
    public static string Of(OrderContent content) =>
        Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(content)));

    public static string Of<T>(string prefix, T payload) =>
        prefix + ":" + Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(payload)));
}
