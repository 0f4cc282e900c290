namespace Permanence.Core.Quality;

/// <summary>Computes the figures defined in docs/kpis.md from a call log; pure and order-independent.</summary>
public static class KpiCalculator
{
    public static KpiReport Compute(IReadOnlyCollection<KpiCall> calls, KpiOptions options, SchedulingErrorCount? scheduling = null)
    {
        ArgumentNullException.ThrowIfNull(calls);
        ArgumentNullException.ThrowIfNull(options);
        var inHours = calls.Where(c => c.InServiceHours).ToList();
        var answered = calls.Where(c => c.Outcome == KpiOutcome.Answered).ToList();
        var answeredInHours = inHours.Count(c => c.Outcome == KpiOutcome.Answered);
        var abandoned = inHours.Where(c => c.Outcome == KpiOutcome.Abandoned).ToList();
        var abandonedShort = abandoned.Count(c => c.Wait < options.ShortAbandonThreshold);
        // Service level and abandonment leave out short abandons (wrong numbers, instant hang-ups).
        var serviceDenominator = inHours.Count - abandonedShort;
        var withinThreshold = inHours.Count(c => c.Outcome == KpiOutcome.Answered && c.Wait <= options.ServiceLevelThreshold);

        var heatmap = new int[7][];
        for (var d = 0; d < 7; d++)
        {
            heatmap[d] = new int[24];
        }
        foreach (var call in calls)
        {
            var local = call.RingingAt.InZone(options.Zone).LocalDateTime;
            heatmap[(int)local.DayOfWeek - 1][local.Hour]++;
        }

        var surveyed = calls.Where(c => c.Satisfaction is >= 1 and <= 5).Select(c => c.Satisfaction!.Value).ToList();
        return new KpiReport(
            Offered: calls.Count,
            OfferedInServiceHours: inHours.Count,
            Answered: answered.Count,
            PickUpRate: Rate(answeredInHours, inHours.Count),
            ServiceLevel: Rate(withinThreshold, serviceDenominator),
            AverageSpeedOfAnswerSeconds: answered.Count == 0 ? null : answered.Average(c => c.Wait.TotalSeconds),
            AbandonedShort: abandonedShort,
            AbandonedLong: abandoned.Count - abandonedShort,
            AbandonmentRate: Rate(abandoned.Count - abandonedShort, serviceDenominator),
            AverageHandlingSeconds: answered.Count == 0 ? null : answered.Average(c => (c.Talk + c.Hold + c.WrapUp).TotalSeconds),
            Missed: inHours.Count - answeredInHours,
            RepeatCallRate: Rate(CountRepeats(calls, options), calls.Count),
            CallbackRate: Rate(answered.Count(c => c.CallbackCreated), answered.Count),
            SchedulingErrorRate: scheduling is { Booked: > 0 } s ? (double)s.CorrectedForError / s.Booked : null,
            ByCategory: answered.Where(c => c.Category is not null).GroupBy(c => c.Category!).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal),
            ByUrgency: answered.Where(c => c.Urgency is not null).GroupBy(c => c.Urgency!).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal),
            HeatmapByWeekdayAndHour: heatmap,
            AfterHoursShare: Rate(calls.Count - inHours.Count, calls.Count),
            AverageSatisfaction: surveyed.Count == 0 ? null : surveyed.Average(),
            SatisfiedShare: Rate(surveyed.Count(s => s >= 4), surveyed.Count),
            SurveyResponses: surveyed.Count);
    }

    /// <summary>Calls whose number already called the same practice within the repeat window before them.</summary>
    private static int CountRepeats(IEnumerable<KpiCall> calls, KpiOptions options) =>
        calls.GroupBy(c => (c.PracticeId, c.From))
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

    private static double? Rate(int part, int whole) => whole == 0 ? null : (double)part / whole;
}
