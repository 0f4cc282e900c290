using NodaTime;

namespace Permanence.Core.Quality;

/// <summary>
/// The counts and sums the figures of docs/kpis.md are derived from. Every member adds up over disjoint sets of calls,
/// so a log can be tallied call by call (<see cref="KpiCalculator"/>) or group by group where the calls are stored;
/// <see cref="ToReport"/> is the one place the rates are derived. Not thread-safe.
/// </summary>
public sealed class KpiTally
{
    public int Offered { get; set; }

    public int OfferedInServiceHours { get; set; }

    public int Answered { get; set; }

    public int AnsweredInServiceHours { get; set; }

    /// <summary>Answered in service hours with a wait of at most the service-level threshold.</summary>
    public int AnsweredWithinThresholdInServiceHours { get; set; }

    /// <summary>Abandoned in service hours, short abandons included.</summary>
    public int AbandonedInServiceHours { get; set; }

    /// <summary>Abandoned in service hours with a wait under the short-abandon threshold.</summary>
    public int AbandonedShortInServiceHours { get; set; }

    /// <summary>Sum of the waits of answered calls, seconds.</summary>
    public double AnsweredWaitSeconds { get; set; }

    /// <summary>Sum of talk + hold + wrap-up of answered calls, seconds.</summary>
    public double AnsweredHandlingSeconds { get; set; }

    /// <summary>Calls from a number that called the same practice within the repeat window before them.</summary>
    public int Repeats { get; set; }

    /// <summary>Answered calls that left a callback.</summary>
    public int AnsweredWithCallback { get; set; }

    /// <summary>Answered calls by category code; calls without one are left out.</summary>
    public Dictionary<string, int> AnsweredByCategory { get; } = new(StringComparer.Ordinal);

    /// <summary>Answered calls by urgency code; calls without one are left out.</summary>
    public Dictionary<string, int> AnsweredByUrgency { get; } = new(StringComparer.Ordinal);

    /// <summary>Calls by weekday (Monday first) and hour of the report's zone.</summary>
    public int[][] Heatmap { get; } = [.. Enumerable.Range(0, 7).Select(_ => new int[24])];

    /// <summary>Survey answers 1–5.</summary>
    public int SurveyResponses { get; set; }

    public long SatisfactionSum { get; set; }

    /// <summary>Survey answers 4 or 5.</summary>
    public int Satisfied { get; set; }

    /// <summary>
    /// Adds <paramref name="calls"/> calls of one outcome that rang in the same hour of <paramref name="local"/>'s week,
    /// all in service hours or all outside them; <paramref name="withinServiceLevel"/> and <paramref name="shortAbandons"/>
    /// count those of them under the thresholds (only answered, respectively abandoned, calls count there).
    /// </summary>
    public void AddRinging(LocalDateTime local, bool inServiceHours, KpiOutcome outcome, int calls, int withinServiceLevel, int shortAbandons)
    {
        Offered += calls;
        Heatmap[(int)local.DayOfWeek - 1][local.Hour] += calls;
        if (outcome == KpiOutcome.Answered)
        {
            Answered += calls;
        }
        if (!inServiceHours)
        {
            return;
        }
        OfferedInServiceHours += calls;
        switch (outcome)
        {
            case KpiOutcome.Answered:
                AnsweredInServiceHours += calls;
                AnsweredWithinThresholdInServiceHours += withinServiceLevel;
                break;
            case KpiOutcome.Abandoned:
                AbandonedInServiceHours += calls;
                AbandonedShortInServiceHours += shortAbandons;
                break;
            case KpiOutcome.Voicemail:
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(outcome), outcome, null);
        }
    }

    /// <summary>Adds answered calls of one category and urgency (either may be null): their counts and sums.</summary>
    public void AddAnswered(string? category, string? urgency, int calls, double waitSeconds, double handlingSeconds, int withCallback)
    {
        AnsweredWaitSeconds += waitSeconds;
        AnsweredHandlingSeconds += handlingSeconds;
        AnsweredWithCallback += withCallback;
        if (category is not null)
        {
            AnsweredByCategory[category] = AnsweredByCategory.GetValueOrDefault(category) + calls;
        }
        if (urgency is not null)
        {
            AnsweredByUrgency[urgency] = AnsweredByUrgency.GetValueOrDefault(urgency) + calls;
        }
    }

    /// <summary>Adds survey answers (scores 1–5 only): how many, the sum of their scores, how many scored 4 or 5.</summary>
    public void AddSurveyAnswers(int responses, long scoreSum, int satisfied)
    {
        SurveyResponses += responses;
        SatisfactionSum += scoreSum;
        Satisfied += satisfied;
    }

    /// <summary>Adds one call; <see cref="Repeats"/> is left to the caller, as it depends on the calls around it.</summary>
    public void Add(KpiCall call, KpiOptions options)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(options);
        AddRinging(call.RingingAt.InZone(options.Zone).LocalDateTime, call.InServiceHours, call.Outcome, 1,
            call.Outcome == KpiOutcome.Answered && call.Wait <= options.ServiceLevelThreshold ? 1 : 0,
            call.Outcome == KpiOutcome.Abandoned && call.Wait < options.ShortAbandonThreshold ? 1 : 0);
        if (call.Outcome == KpiOutcome.Answered)
        {
            AddAnswered(call.Category, call.Urgency, 1, call.Wait.TotalSeconds, (call.Talk + call.Hold + call.WrapUp).TotalSeconds, call.CallbackCreated ? 1 : 0);
        }
        if (call.Satisfaction is >= 1 and <= 5 and var score)
        {
            AddSurveyAnswers(1, score, score >= 4 ? 1 : 0);
        }
    }

    /// <summary>The figures; rates are null when their denominator is zero.</summary>
    public KpiReport ToReport(SchedulingErrorCount? scheduling = null)
    {
        // Service level and abandonment leave out short abandons (wrong numbers, instant hang-ups).
        var serviceDenominator = OfferedInServiceHours - AbandonedShortInServiceHours;
        return new KpiReport(
            Offered: Offered,
            OfferedInServiceHours: OfferedInServiceHours,
            Answered: Answered,
            PickUpRate: Rate(AnsweredInServiceHours, OfferedInServiceHours),
            ServiceLevel: Rate(AnsweredWithinThresholdInServiceHours, serviceDenominator),
            AverageSpeedOfAnswerSeconds: Answered == 0 ? null : AnsweredWaitSeconds / Answered,
            AbandonedShort: AbandonedShortInServiceHours,
            AbandonedLong: AbandonedInServiceHours - AbandonedShortInServiceHours,
            AbandonmentRate: Rate(AbandonedInServiceHours - AbandonedShortInServiceHours, serviceDenominator),
            AverageHandlingSeconds: Answered == 0 ? null : AnsweredHandlingSeconds / Answered,
            Missed: OfferedInServiceHours - AnsweredInServiceHours,
            RepeatCallRate: Rate(Repeats, Offered),
            CallbackRate: Rate(AnsweredWithCallback, Answered),
            SchedulingErrorRate: scheduling is { Booked: > 0 } s ? (double)s.CorrectedForError / s.Booked : null,
            ByCategory: new Dictionary<string, int>(AnsweredByCategory, StringComparer.Ordinal),
            ByUrgency: new Dictionary<string, int>(AnsweredByUrgency, StringComparer.Ordinal),
            HeatmapByWeekdayAndHour: [.. Heatmap.Select(day => day.ToArray())],
            AfterHoursShare: Rate(Offered - OfferedInServiceHours, Offered),
            AverageSatisfaction: SurveyResponses == 0 ? null : (double)SatisfactionSum / SurveyResponses,
            SatisfiedShare: Rate(Satisfied, SurveyResponses),
            SurveyResponses: SurveyResponses);
    }

    private static double? Rate(int part, int whole) => whole == 0 ? null : (double)part / whole;
}
