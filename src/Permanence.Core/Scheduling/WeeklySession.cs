using NodaTime;

namespace Permanence.Core.Scheduling;

/// <summary>
/// A recurring weekly consultation range ("Tuesdays 09:00–12:00 at the main site"), stated in the practice's
/// wall-clock time; <see cref="End"/> of 00:00 means midnight at the end of the day. DST handling is
/// <see cref="SessionTimeResolver"/>'s.
/// </summary>
public sealed record WeeklySession
{
    public WeeklySession(IsoDayOfWeek day, LocalTime start, LocalTime end, ConsultationSiteId? site = null)
    {
        if (day == IsoDayOfWeek.None)
        {
            throw new ArgumentOutOfRangeException(nameof(day), day, "A weekly session needs a day of the week.");
        }
        SessionTimeResolver.RequireOrdered(start, end, nameof(end));
        Day = day;
        Start = start;
        End = end;
        Site = site;
    }

    public IsoDayOfWeek Day { get; }
    public LocalTime Start { get; }
    public LocalTime End { get; }

    /// <summary>Where the practitioner consults during this range; null when the practice has a single site.</summary>
    public ConsultationSiteId? Site { get; }
}
