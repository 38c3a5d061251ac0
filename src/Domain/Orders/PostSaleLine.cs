namespace ChannelBridge.Domain.Orders;

/// <summary>A line of a despatch, cancellation or refund as Linnworks names it: OrderLineNumber and/or SKU, and a quantity.</summary>
public sealed record PostSaleLine(string? OrderLineNumber, string? SKU, int Quantity);
