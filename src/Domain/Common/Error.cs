namespace ChannelBridge.Domain.Common;

/// <summary>An expected failure: a stable code for machines and a message for the seller or operator.</summary>
public sealed record Error(string Code, string Message)
{
    public static Error Validation(string message) => new("validation", message);

    public static Error Conflict(string message) => new("conflict", message);

    public static Error NotFound(string message) => new("not_found", message);
}
