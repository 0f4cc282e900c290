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

    /// <summary>
    /// Adds an error when <paramref name="value"/> holds a control character (NUL, escape, a line break…): identifiers,
    /// phone numbers and codes are one line of visible text. Leading and trailing white space is ignored, since every
    /// text is stored trimmed. Returns whether the value passed.
    /// </summary>
    /// <remarks>PostgreSQL refuses NUL in text: checked here, it is a field error instead of a failed write.</remarks>
    public bool RequireNoControlCharacters(string field, string? value) =>
        Require(!HasControlCharacter(value, allowLineBreaks: false), field, "Must not contain control characters.");

    /// <summary>
    /// As <see cref="RequireNoControlCharacters"/>, for free text a person types: line breaks and tabs are kept, any other
    /// control character is an error.
    /// </summary>
    public bool RequireNoControlCharactersInFreeText(string field, string? value) =>
        Require(!HasControlCharacter(value, allowLineBreaks: true), field, "Must not contain control characters other than line breaks and tabs.");

    /// <summary>
    /// Adds an error unless <paramref name="value"/> is free text that is not blank, at most <paramref name="maxLength"/>
    /// characters once trimmed, with no control character but line breaks and tabs. Returns whether it passed.
    /// </summary>
    public bool RequireText(string field, string? value, int maxLength)
    {
        if (!Require(!string.IsNullOrWhiteSpace(value), field, "Required."))
        {
            return false;
        }
        return OptionalText(field, value, maxLength);
    }

    /// <summary>As <see cref="RequireText"/>, for text that may be absent or blank.</summary>
    public bool OptionalText(string field, string? value, int maxLength)
    {
        var fits = Require(value is null || value.Trim().Length <= maxLength, field, $"At most {maxLength} characters.");
        var plain = RequireNoControlCharactersInFreeText(field, value);
        return fits && plain;
    }

    /// <summary>
    /// Whether the trimmed value holds a control character (U+0000–U+001F or U+007F–U+009F), which PostgreSQL refuses
    /// (NUL) or no field of Permanence means to hold; line breaks and tabs pass when <paramref name="allowLineBreaks"/>.
    /// </summary>
    public static bool HasControlCharacter(string? value, bool allowLineBreaks = false)
    {
        foreach (var c in value.AsSpan().Trim())
        {
            if (char.IsControl(c) && !(allowLineBreaks && c is '\n' or '\r' or '\t'))
            {
                return true;
            }
        }
        return false;
    }

    public ValidationError ToError(string message = "The request has invalid fields.") =>
        new(message, _fields.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray(), StringComparer.Ordinal));
}
