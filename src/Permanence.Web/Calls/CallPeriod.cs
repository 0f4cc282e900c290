using NodaTime;
using Permanence.Core.Common;
using Permanence.Core.Practices;

namespace Permanence.Web.Calls;

/// <summary>A half-open period [from, to) of the call log, given as ISO 8601 instants with offset.</summary>
public readonly record struct CallPeriod(Instant From, Instant To)
{
    public const int MaxDays = 366;

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
        var parsed = InputParsing.TryOffsetDateTime(text);
        if (!errors.Require(parsed is not null, field, Expected))
        {
            return null;
        }
        var instant = InputParsing.InRange(parsed!.Value);
        return errors.Require(instant is not null, field, $"Expected an instant {InputParsing.InstantRange}.") ? instant : null;
    }
}
