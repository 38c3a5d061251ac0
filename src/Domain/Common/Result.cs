using System.Diagnostics.CodeAnalysis;

namespace ChannelBridge.Domain.Common;

/// <summary>The outcome of a domain operation whose failure is expected (a rule, not a bug).</summary>
public class Result
{
    protected Result(IReadOnlyList<Error> errors) => Errors = errors;

    public IReadOnlyList<Error> Errors { get; }

    public bool IsSuccess => Errors.Count == 0;

    public bool IsFailure => !IsSuccess;

    /// <summary>All error messages joined in one line, as Linnworks shows a single Error string.</summary>
    public string ErrorMessage => string.Join(" ", Errors.Select(e => e.Message));

    public static Result Success() => new([]);

    public static Result Failure(Error error) => new([error]);

    public static Result Failure(IReadOnlyList<Error> errors) =>
        errors.Count == 0 ? throw new ArgumentException("A failure needs at least one error.", nameof(errors)) : new(errors);

    public static Result<T> Success<T>(T value) => Result<T>.Ok(value);
}

public sealed class Result<T> : Result
{
    private readonly T? _value;

    private Result(T? value, IReadOnlyList<Error> errors) : base(errors) => _value = value;

    public T Value => IsSuccess ? _value! : throw new InvalidOperationException("A failed result has no value.");

    public bool TryGetValue([NotNullWhen(true)] out T? value)
    {
        value = IsSuccess ? _value : default;
        return IsSuccess && value is not null;
    }

    internal static Result<T> Ok(T value) => new(value, []);

    public static new Result<T> Failure(Error error) => new(default, [error]);

    public static new Result<T> Failure(IReadOnlyList<Error> errors) =>
        errors.Count == 0 ? throw new ArgumentException("A failure needs at least one error.", nameof(errors)) : new(default, errors);

    public static implicit operator Result<T>(T value) => Ok(value);
}
