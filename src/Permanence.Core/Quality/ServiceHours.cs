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
}
