using NodaTime;
using NodaTime.Text;
using Permanence.Core.Common;

namespace Permanence.Web.Calls;

/// <summary>A half-open period [from, to) of the call log, given as ISO 8601 instants with offset.</summary>
public readonly record struct CallPeriod(Instant From, Instant To)
{
    public const int MaxDays = 366;

    /// <summary>The first instant a period may start at (1900-01-01T00:00Z).</summary>
    public static readonly Instant Earliest = Instant.FromUtc(1900, 1, 1, 0, 0);

    /// <summary>
    /// The last instant a period may end at (2200-01-01T00:00Z). Both bounds lie centuries inside what NodaTime
    /// (years −9998 to 9999) and PostgreSQL's timestamptz hold, so that the figures may add a day, an offset or the
    /// repeat window to either end without overflowing.
    /// </summary>
    public static readonly Instant Latest = Instant.FromUtc(2200, 1, 1, 0, 0);

    private const string Expected = "Expected an ISO 8601 instant with offset, e.g. 2026-11-23T00:00:00+01:00.";

    public static Result<CallPeriod> Parse(string? from, string? to)
    {
        var errors = new ValidationErrors();
        var start = ParseInstant(errors, "from", from);
        var end = ParseInstant(errors, "to", to);
        if (start is { } s && end is { } e)
        {
            if (errors.Require(e > s, "to", "'to' must be after 'from'."))
            {
                errors.Require(e - s <= Duration.FromDays(MaxDays), "to", $"The period may span at most {MaxDays} days.");
            }
        }
        return errors.HasErrors ? errors.ToError("The period is invalid.") : new CallPeriod(start!.Value, end!.Value);
    }

    private static Instant? ParseInstant(ValidationErrors errors, string field, string? text)
    {
        var parsed = string.IsNullOrWhiteSpace(text) ? null : OffsetDateTimePattern.ExtendedIso.Parse(text.Trim()) is { Success: true } r ? r.Value : (OffsetDateTime?)null;
        if (!errors.Require(parsed is not null, field, Expected))
        {
            return null;
        }
        // The year is checked before converting: an offset pushes a wall clock late in 9999 past the last instant.
        var instant = parsed!.Value.Year is >= 1899 and <= 2200 ? parsed.Value.ToInstant() : (Instant?)null;
        return errors.Require(instant >= Earliest && instant <= Latest, field, $"Expected an instant from {Iso(Earliest)} to {Iso(Latest)}.") ? instant : null;
    }

    private static string Iso(Instant instant) => InstantPattern.ExtendedIso.Format(instant);
}
