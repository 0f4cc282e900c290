using System.Globalization;
using NodaTime;

namespace Permanence.Core.Scheduling;

/// <summary>
/// A half-open span of time <c>[Start, End)</c> between two instants. Ranges that merely touch
/// (one ends exactly when the other starts) do not overlap, and an empty range overlaps nothing.
/// </summary>
public readonly record struct TimeRange
{
    /// <summary>Creates the range; throws when <paramref name="end"/> is before <paramref name="start"/>.</summary>
    public TimeRange(Instant start, Instant end)
    {
        if (end < start)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"A time range cannot end ({end}) before it starts ({start})."),
                nameof(end));
        }
        Start = start;
        End = end;
    }

    /// <summary>The first instant inside the range.</summary>
    public Instant Start { get; }

    /// <summary>The first instant after the range.</summary>
    public Instant End { get; }

    public Duration Duration => End - Start;

    public bool IsEmpty => Start == End;

    public static TimeRange StartingAt(Instant start, Duration length) => new(start, start + length);

    /// <summary>
    /// The whole local days from <paramref name="first"/> to <paramref name="last"/> (inclusive) in
    /// <paramref name="zone"/>: from the start of the first day to the start of the day after the last. A day
    /// whose midnight is skipped by a DST transition starts at the first instant that exists on it.
    /// </summary>
    public static TimeRange OfLocalDays(LocalDate first, LocalDate last, DateTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return new(first.AtStartOfDayInZone(zone).ToInstant(), last.PlusDays(1).AtStartOfDayInZone(zone).ToInstant());
    }

    /// <summary>True when both ranges share at least one instant: <c>a.Start &lt; b.End &amp;&amp; b.Start &lt; a.End</c>.</summary>
    public bool Overlaps(TimeRange other) =>
        !IsEmpty && !other.IsEmpty && Start < other.End && other.Start < End;

    public bool Contains(Instant instant) => Start <= instant && instant < End;

    public bool Contains(TimeRange other) => Start <= other.Start && other.End <= End;

    /// <summary>This range widened by <paramref name="before"/> at the start and <paramref name="after"/> at the end.</summary>
    public TimeRange Widen(Duration before, Duration after) => new(Start - before, End + after);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"[{Start}, {End})");
}
