namespace ChannelBridge.Domain.Orders;

/// <summary>
/// An order as Linnworks downloads it (UTF-8 JSON), rendered from its content by the application when the order is
/// saved (ADR-011), and what it was rendered with: a stored rendering of another <see cref="Format"/> is not served.
/// </summary>
public sealed record OrderDownload(byte[] Json, string Format);

/// <summary>
/// An order to save, with its download rendered from its content as it is now, and, when the caller has made it
/// already, its content as System.Text.Json writes it with default options (the UTF-8 its ContentHash is taken
/// of), so that a batch serializes each order's content once rather than once for the hash and once to store.
/// </summary>
public sealed record OrderToSave(ChannelOrder Order, OrderDownload Download, byte[]? ContentJson = null);
