using NodaTime;

namespace Permanence.Core.Quality;

/// <summary>Turns a call history into the hour-of-week arrival profile <see cref="StaffingPlan"/> takes.</summary>
public static class ArrivalHistory
{
    public const int HoursInWeek = 168;

    /// <summary>
    /// Average calls per hour of the week (Monday 00:00 first, in <paramref name="zone"/>) over [from, to): the calls
    /// that rang in each hour-of-week slot divided by how many times that slot occurred in the window, so a window
    /// of 15 days weighs the extra day correctly. Hours are read on the wall clock: the repeated hour of the autumn
    /// change counts twice in its slot, the skipped spring hour not at all, like the calls that rang in them.
    /// </summary>
    public static double[] CallsPerHourOfWeek(IEnumerable<Instant> ringingAt, Instant from, Instant to, DateTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(ringingAt);
        ArgumentNullException.ThrowIfNull(zone);
        var occurrences = new int[HoursInWeek];
        for (var hour = from; hour < to; hour += Duration.FromHours(1))
        {
            occurrences[SlotOf(hour, zone)]++;
        }
        var calls = new int[HoursInWeek];
        foreach (var at in ringingAt.Where(at => at >= from && at < to))
        {
            calls[SlotOf(at, zone)]++;
        }
        return [.. Enumerable.Range(0, HoursInWeek).Select(s => occurrences[s] == 0 ? 0 : (double)calls[s] / occurrences[s])];
    }

    private static int SlotOf(Instant instant, DateTimeZone zone)
    {
        var local = instant.InZone(zone).LocalDateTime;
        return (((int)local.DayOfWeek - 1) * 24) + local.Hour;
    }
}
