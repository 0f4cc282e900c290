using NodaTime;

namespace Permanence.Core.Scheduling;

/// <summary>
/// A preferred part of the day in the practice's wall-clock time ("mornings 08:00–12:00"), half-open;
/// an <see cref="End"/> of 00:00 means midnight at the end of the day.
/// </summary>
public sealed record TimeOfDayRange
{
    public TimeOfDayRange(LocalTime start, LocalTime end)
    {
        SessionTimeResolver.RequireOrdered(start, end, nameof(end));
        Start = start;
        End = end;
    }

    public LocalTime Start { get; }
    public LocalTime End { get; }

    /// <summary>True when an appointment shown from <paramref name="start"/> to <paramref name="end"/> (wall clock, same day) fits inside.</summary>
    public bool Holds(LocalTime start, LocalTime end)
    {
        var endsInside = End == LocalTime.Midnight || (end > start && end <= End);
        return start >= Start && (End == LocalTime.Midnight || start < End) && endsInside;
    }
}
