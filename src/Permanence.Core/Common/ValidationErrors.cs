namespace Permanence.Core.Common;

/// <summary>Collects field errors while validating a request, so every problem is reported at once.</summary>
public sealed class ValidationErrors
{
    private readonly Dictionary<string, List<string>> _fields = new(StringComparer.Ordinal);

    public bool HasErrors => _fields.Count > 0;

    public void Add(string field, string message)
    {
        if (!_fields.TryGetValue(field, out var messages))
        {
            messages = [];
            _fields[field] = messages;
        }
        messages.Add(message);
    }

    /// <summary>Adds the error when <paramref name="condition"/> is false; returns the condition.</summary>
    public bool Require(bool condition, string field, string message)
    {
        if (!condition)
        {
            Add(field, message);
        }
        return condition;
    }

    public ValidationError ToError(string message = "The request has invalid fields.") =>
        new(message, _fields.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray(), StringComparer.Ordinal));
}
