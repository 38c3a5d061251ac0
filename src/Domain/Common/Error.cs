namespace ChannelBridge.Domain.Common;

/// <summary>What kind of expected failure an <see cref="Error"/> is; the Channel API maps each to its HTTP status once.</summary>
public enum ErrorKind
{
    /// <summary>The input breaks a rule (400).</summary>
    Validation,

    /// <summary>Something changed meanwhile or already exists (409).</summary>
    Conflict,

    /// <summary>What was asked for does not exist, or is not the caller's (404).</summary>
    NotFound,
}

/// <summary>An expected failure: its kind for machines and a message for the seller or operator.</summary>
public sealed record Error(ErrorKind Kind, string Message)
{
    public static Error Validation(string message) => new(ErrorKind.Validation, message);

    public static Error Conflict(string message) => new(ErrorKind.Conflict, message);

    public static Error NotFound(string message) => new(ErrorKind.NotFound, message);
}
