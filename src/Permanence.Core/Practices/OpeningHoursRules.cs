using NodaTime;
using Permanence.Core.Scheduling;

namespace Permanence.Core.Practices;

/// <summary>Rules that weekly opening ranges must satisfy, and the question "is the practice open at this instant?".</summary>
public static class OpeningHoursRules
{
    /// <summary>A weekly range must end after it starts on the same day (no range across midnight).</summary>
    public static bool RangeMustEndAfterItStarts(LocalTime start, LocalTime end) => end > start;

    /// <summary>Ranges of one day must not overlap; touching ranges (08:00–12:00, 12:00–14:00) are allowed.</summary>
    public static IEnumerable<(int First, int Second)> OverlappingRanges(IReadOnlyList<(IsoDayOfWeek Day, LocalTime Start, LocalTime End)> ranges)
    {
        for (var i = 0; i < ranges.Count; i++)
        {
            for (var j = i + 1; j < ranges.Count; j++)
            {
                if (ranges[i].Day == ranges[j].Day && ranges[i].Start < ranges[j].End && ranges[j].Start < ranges[i].End)
                {
                    yield return (i, j);
                }
            }
        }
    }

    /// <summary>
    /// Whether the practice is closed the whole of <paramref name="date"/>: a dated closure covers it, or it is a public
    /// holiday of <paramref name="region"/> (its <see cref="AgendaMapping.HolidayRegionOf"/>) and the practice closes on them.
    /// </summary>
    public static bool IsClosedAllDay(Practice practice, LocalDate date, FrenchHolidayRegion region)
    {
        ArgumentNullException.ThrowIfNull(practice);
        return IsInClosure(practice, date) || (practice.ClosedOnPublicHolidays && FrenchPublicHolidays.IsPublicHoliday(date, region));
    }

    /// <summary>Whether one of the practice's dated closures covers <paramref name="date"/>.</summary>
    public static bool IsInClosure(Practice practice, LocalDate date)
    {
        ArgumentNullException.ThrowIfNull(practice);
        return practice.Closures.Any(c => c.FirstDay <= date && date <= c.LastDay);
    }

    /// <summary>
    /// Whether <paramref name="instant"/> falls in an opening range and outside every closure, read in the practice's
    /// zone. The local wall-clock time is what counts, so on DST days 08:30 means 08:30 on the clock.
    /// </summary>
    public static bool IsOpenAt(Practice practice, Instant instant) => IsOpenAt(practice, instant.InZone(practice.TimeZone).LocalDateTime);

    /// <summary>Whether the practice's wall clock showing <paramref name="local"/> falls in an opening range and outside every closure.</summary>
    public static bool IsOpenAt(Practice practice, LocalDateTime local)
    {
        ArgumentNullException.ThrowIfNull(practice);
        if (IsInClosure(practice, local.Date))
        {
            return false;
        }
        return practice.OpeningHours.Any(r => r.Day == local.DayOfWeek && r.Start <= local.TimeOfDay && local.TimeOfDay < r.End);
    }
}
