namespace ChannelBridge.Domain.Orders;

/// <summary>
/// An order as Linnworks downloads it (UTF-8 JSON), rendered from its content by the application when the order is
/// saved (ADR-011), and what it was rendered with: a stored rendering of another <see cref="Format"/> is not served.
/// </summary>
public sealed record OrderDownload(byte[] Json, string Format);

/// <summary>An order to save, with its download rendered from its content as it is now.</summary>
public sealed record OrderToSave(ChannelOrder Order, OrderDownload Download);
