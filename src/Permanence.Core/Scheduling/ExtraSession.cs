using NodaTime;

namespace Permanence.Core.Scheduling;

/// <summary>
/// A one-off consultation range on a given date (séance exceptionnelle), added to the weekly sessions, in the
/// practice's wall-clock time; <see cref="End"/> of 00:00 means midnight. Absences, closures and observed public
/// holidays still win over it.
/// </summary>
public sealed record ExtraSession
{
    public ExtraSession(LocalDate date, LocalTime start, LocalTime end, ConsultationSiteId? site = null)
    {
        SessionTimeResolver.RequireOrdered(start, end, nameof(end));
        Date = date;
        Start = start;
        End = end;
        Site = site;
    }

    public LocalDate Date { get; }
    public LocalTime Start { get; }
    public LocalTime End { get; }
    public ConsultationSiteId? Site { get; }
}
