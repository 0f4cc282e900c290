namespace Permanence.Core.Common;

/// <summary>An expected failure of a use case, mapped to problem+json in one place at the HTTP edge.</summary>
public abstract record Error(string Message);

/// <summary>The addressed thing does not exist, or is outside the caller's practice scope.</summary>
public sealed record NotFoundError(string Message) : Error(Message);

/// <summary>The request is well formed but clashes with the current state (a taken slot, a duplicate name).</summary>
public sealed record ConflictError(string Message) : Error(Message);

/// <summary>Input that breaks a rule; <see cref="Fields"/> maps each offending field to its messages.</summary>
public sealed record ValidationError(string Message, IReadOnlyDictionary<string, string[]> Fields) : Error(Message)
{
    public static ValidationError For(string field, string message) =>
        new(message, new Dictionary<string, string[]> { [field] = [message] });
}

/// <summary>Either a value or an <see cref="Error"/>; expected outcomes are values, not exceptions.</summary>
public readonly record struct Result<T>
{
    private Result(T? value, Error? error)
    {
        Value = value;
        Error = error;
    }

    public T? Value { get; }
    public Error? Error { get; }
    public bool IsSuccess => Error is null;

    public static Result<T> Ok(T value) => new(value, null);
    public static Result<T> Fail(Error error) => new(default, error);

    public static implicit operator Result<T>(T value) => Ok(value);
    public static implicit operator Result<T>(Error error) => Fail(error);
}

/// <summary>The caller is known but this action is not theirs to take (a role the practice does not trust with it).</summary>
public sealed record ForbiddenError(string Message) : Error(Message);
