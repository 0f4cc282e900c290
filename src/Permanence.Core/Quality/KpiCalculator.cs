namespace Permanence.Core.Quality;

/// <summary>Computes the figures defined in docs/kpis.md from a call log; pure and order-independent.</summary>
public static class KpiCalculator
{
    public static KpiReport Compute(IReadOnlyCollection<KpiCall> calls, KpiOptions options, SchedulingErrorCount? scheduling = null) =>
        Tally(calls, options).ToReport(scheduling);

    /// <summary>The counts and sums of <paramref name="calls"/>, repeats included.</summary>
    public static KpiTally Tally(IReadOnlyCollection<KpiCall> calls, KpiOptions options)
    {
        ArgumentNullException.ThrowIfNull(calls);
        ArgumentNullException.ThrowIfNull(options);
        var tally = new KpiTally();
        foreach (var call in calls)
        {
            tally.Add(call, options);
        }
        tally.Repeats = CountRepeats(calls, options);
        return tally;
    }

    /// <summary>
    /// Calls whose number already called the same practice within the repeat window before them; withheld and unreadable
    /// caller ids are no number (<see cref="RepeatCallers"/>).
    /// </summary>
    private static int CountRepeats(IEnumerable<KpiCall> calls, KpiOptions options) =>
        calls.Where(c => RepeatCallers.CanRepeat(c.From)).GroupBy(c => (c.PracticeId, c.From))
            .Sum(g =>
            {
                var times = g.Select(c => c.RingingAt).Order().ToList();
                var repeats = 0;
                for (var i = 1; i < times.Count; i++)
                {
                    if (times[i] - times[i - 1] <= options.RepeatWindow)
                    {
                        repeats++;
                    }
                }
                return repeats;
            });
}
