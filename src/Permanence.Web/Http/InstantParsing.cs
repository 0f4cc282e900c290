using NodaTime;
using NodaTime.Text;
using Permanence.Core.Common;
using Permanence.Core.Practices;

namespace Permanence.Web.Http;

/// <summary>Reads the instants clients send: ISO 8601 with an offset (2026-03-29T08:00:00+02:00) or in UTC (…Z).</summary>
public static class InstantParsing
{
    public static readonly string Expected = $"Expected an ISO 8601 instant with offset {InputParsing.InstantRange}, e.g. 2026-03-29T08:00:00+02:00.";

    public static Instant? TryParse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (InputParsing.TryOffsetInstant(text) is { } withOffset)
        {
            return withOffset;
        }
        var instant = InstantPattern.ExtendedIso.Parse(text.Trim());
        return instant.Success && InputParsing.IsInRange(instant.Value) ? instant.Value : null;
    }

    /// <summary>Parses an optional field, adding a field error when it is present but unreadable.</summary>
    public static Instant? Optional(ValidationErrors errors, string field, string? text)
    {
        var instant = TryParse(text);
        errors.Require(string.IsNullOrWhiteSpace(text) || instant is not null, field, Expected);
        return instant;
    }

    /// <summary>Parses a required field, adding a field error when it is missing or unreadable.</summary>
    public static Instant? Required(ValidationErrors errors, string field, string? text)
    {
        var instant = TryParse(text);
        errors.Require(instant is not null, field, string.IsNullOrWhiteSpace(text) ? "Required. " + Expected : Expected);
        return instant;
    }
}
