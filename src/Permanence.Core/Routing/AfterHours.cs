using NodaTime;
using Permanence.Core.Practices;
using Permanence.Core.Scheduling;

namespace Permanence.Core.Routing;

/// <summary>When a practice is closed: the periods the on-call roster must cover (permanence des soins).</summary>
public static class AfterHours
{
    /// <summary>
    /// The parts of [<paramref name="from"/>, <paramref name="to"/>) outside the practice's opening hours, closures
    /// and (when it closes on them) public holidays, read on its wall clock, merged and in order — the same rule as
    /// <see cref="CallRouter"/>. An opening time that falls in a DST gap maps to the first instant after the gap;
    /// in an overlap, to the earlier instant.
    /// </summary>
    public static IReadOnlyList<(Instant Start, Instant End)> Periods(Practice practice, Instant from, Instant to)
    {
        ArgumentNullException.ThrowIfNull(practice);
        var zone = practice.TimeZone;
        var open = new List<(Instant Start, Instant End)>();
        var region = AgendaMapping.HolidayRegionOf(practice);
        for (var date = from.InZone(zone).Date.PlusDays(-1); date <= to.InZone(zone).Date.PlusDays(1); date = date.PlusDays(1))
        {
            if (OpeningHoursRules.IsClosedAllDay(practice, date, region))
            {
                continue;
            }
            foreach (var range in practice.OpeningHours.Where(r => r.Day == date.DayOfWeek))
            {
                open.Add((zone.AtLeniently(date + range.Start).ToInstant(), zone.AtLeniently(date + range.End).ToInstant()));
            }
        }
        var closed = new List<(Instant Start, Instant End)>();
        var cursor = from;
        foreach (var (start, end) in open.OrderBy(r => r.Start))
        {
            if (start > cursor)
            {
                closed.Add((cursor, Instant.Min(start, to)));
            }
            cursor = Instant.Max(cursor, end);
            if (cursor >= to)
            {
                break;
            }
        }
        if (cursor < to)
        {
            closed.Add((cursor, to));
        }
        return [.. closed.Where(r => r.End > r.Start)];
    }
}
