using NodaTime;
using NodaTime.TimeZones;

namespace Permanence.Core.Scheduling;

/// <summary>
/// Turns the wall-clock times of a session ("Tuesdays 09:00–12:00 in Europe/Paris") into instants.
/// <para>
/// The mapping is <see cref="Resolve"/>: a local time skipped by a spring-forward transition becomes the
/// transition instant itself (<see cref="Resolvers.ReturnStartOfIntervalAfter"/>), and a local time that occurs
/// twice during a fall-back transition takes its earlier occurrence (<see cref="Resolvers.ReturnEarlier"/>).
/// Both choices are monotone, so a session never ends before it starts.
/// </para>
/// <para>
/// Consequences in Europe/Paris: on the last Sunday of March a session 02:00–03:30 lasts 30 minutes
/// (03:00–03:30 CEST), a session 02:15–02:45 vanishes, and 00:00–06:00 lasts 5 hours. On the last Sunday of
/// October 00:00–06:00 lasts 7 hours, each real instant of the repeated hour counted once; a session ending at
/// 02:30 ends at the first 02:30 (CEST). Zones without DST (America/Martinique, Indian/Reunion) are unaffected.
/// </para>
/// </summary>
public static class SessionTimeResolver
{
    /// <summary>Skipped times → the transition instant; ambiguous times → the earlier occurrence.</summary>
    public static ZoneLocalMappingResolver Resolve { get; } =
        Resolvers.CreateMappingResolver(Resolvers.ReturnEarlier, Resolvers.ReturnStartOfIntervalAfter);

    /// <summary>
    /// The instants of the session <paramref name="start"/>–<paramref name="end"/> on <paramref name="date"/>, resolved
    /// with <see cref="Resolve"/>. An <paramref name="end"/> of midnight means the end of the day (24:00).
    /// The result may be empty when the whole session falls in a DST gap.
    /// </summary>
    public static TimeRange ToRange(LocalDate date, LocalTime start, LocalTime end, DateTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var from = zone.ResolveLocal(date.At(start), Resolve).ToInstant();
        var to = end == LocalTime.Midnight
            ? date.PlusDays(1).AtStartOfDayInZone(zone).ToInstant()
            : zone.ResolveLocal(date.At(end), Resolve).ToInstant();
        return new TimeRange(from, to);
    }

    internal static void RequireOrdered(LocalTime start, LocalTime end, string paramName)
    {
        if (end != LocalTime.Midnight && end <= start)
        {
            throw new ArgumentException("A session must end after it starts (an end of 00:00 means midnight at the end of the day).", paramName);
        }
    }
}
