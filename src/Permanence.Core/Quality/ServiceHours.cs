using NodaTime;
using Permanence.Core.Practices;
using Permanence.Core.Scheduling;

namespace Permanence.Core.Quality;

/// <summary>When the secretariat answers for a practice, as the quality figures and staffing read it.</summary>
public static class ServiceHours
{
    /// <summary>
    /// Open by the practice's weekly hours, not in a closure, and not a public holiday when the practice closes on
    /// them — the same reading as call routing, on the practice's wall clock.
    /// </summary>
    public static bool Cover(Practice practice, Instant ringingAt)
    {
        ArgumentNullException.ThrowIfNull(practice);
        var date = ringingAt.InZone(practice.TimeZone).Date;
        if (practice.ClosedOnPublicHolidays && FrenchPublicHolidays.IsPublicHoliday(date, AgendaMapping.HolidayRegionOf(practice)))
        {
            return false;
        }
        return OpeningHoursRules.IsOpenAt(practice, ringingAt);
    }

    /// <summary>
    /// <see cref="Cover"/> for many calls of one practice: the public-holiday answer is kept per local date, so a year
    /// of calls computes each year's holidays once instead of once per call. Not thread-safe.
    /// </summary>
    public static Func<Instant, bool> CoverFor(Practice practice)
    {
        ArgumentNullException.ThrowIfNull(practice);
        var zone = practice.TimeZone;
        var region = AgendaMapping.HolidayRegionOf(practice);
        var holidays = new Dictionary<LocalDate, bool>();
        return ringingAt =>
        {
            var local = ringingAt.InZone(zone).LocalDateTime;
            var date = local.Date;
            if (practice.ClosedOnPublicHolidays)
            {
                if (!holidays.TryGetValue(date, out var holiday))
                {
                    holiday = FrenchPublicHolidays.IsPublicHoliday(date, region);
                    holidays[date] = holiday;
                }
                if (holiday)
                {
                    return false;
                }
            }
            return OpeningHoursRules.IsOpenAt(practice, local);
        };
    }

    /// <summary>
    /// The instants of [<paramref name="from"/>, <paramref name="to"/>) that <see cref="Cover"/> says are in service hours,
    /// as ascending, disjoint, non-touching intervals — worked out from the zone's offsets, the weekly ranges, the
    /// closures and the public holidays, without testing instant by instant. An opening bound in a DST gap opens or
    /// closes the practice when the clock jumps past it; a range in a repeated hour covers both of its passes.
    /// </summary>
    public static IReadOnlyList<Interval> CoveredIntervals(Practice practice, Instant from, Instant to)
    {
        ArgumentNullException.ThrowIfNull(practice);
        var covered = new List<Interval>();
        if (to <= from)
        {
            return covered;
        }
        var region = AgendaMapping.HolidayRegionOf(practice);
        // Within one zone interval the wall clock is the instant plus a fixed offset, so each local range of a date
        // maps to one span of instants, clipped to the zone interval.
        foreach (var zoneInterval in practice.TimeZone.GetZoneIntervals(new Interval(from, to)))
        {
            var start = zoneInterval.HasStart && zoneInterval.Start > from ? zoneInterval.Start : from;
            var end = zoneInterval.HasEnd && zoneInterval.End < to ? zoneInterval.End : to;
            var offset = zoneInterval.WallOffset;
            var lastDate = (end - Duration.Epsilon).WithOffset(offset).Date;
            for (var date = start.WithOffset(offset).Date; date <= lastDate; date = date.PlusDays(1))
            {
                if (OpeningHoursRules.IsClosedAllDay(practice, date, region))
                {
                    continue;
                }
                foreach (var range in practice.OpeningHours.Where(r => r.Day == date.DayOfWeek))
                {
                    var open = Max(date.At(range.Start).WithOffset(offset).ToInstant(), start);
                    var close = Min(date.At(range.End).WithOffset(offset).ToInstant(), end);
                    if (open < close)
                    {
                        covered.Add(new Interval(open, close));
                    }
                }
            }
        }
        covered.Sort((a, b) => a.Start.CompareTo(b.Start));
        var merged = new List<Interval>(covered.Count);
        foreach (var interval in covered)
        {
            if (merged.Count > 0 && interval.Start <= merged[^1].End)
            {
                merged[^1] = new Interval(merged[^1].Start, Max(merged[^1].End, interval.End));
            }
            else
            {
                merged.Add(interval);
            }
        }
        return merged;
    }

    private static Instant Max(Instant a, Instant b) => a > b ? a : b;

    private static Instant Min(Instant a, Instant b) => a < b ? a : b;
}
