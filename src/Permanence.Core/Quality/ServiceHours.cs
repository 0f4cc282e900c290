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
}
