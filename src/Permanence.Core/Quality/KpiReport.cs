namespace Permanence.Core.Quality;

/// <summary>The quality figures of a set of calls; rates are 0–1 and null when their denominator is zero.</summary>
public sealed record KpiReport(
    int Offered,
    int OfferedInServiceHours,
    int Answered,
    double? PickUpRate,
    double? ServiceLevel,
    double? AverageSpeedOfAnswerSeconds,
    int AbandonedShort,
    int AbandonedLong,
    double? AbandonmentRate,
    double? AverageHandlingSeconds,
    int Missed,
    double? RepeatCallRate,
    double? CallbackRate,
    double? SchedulingErrorRate,
    IReadOnlyDictionary<string, int> ByCategory,
    IReadOnlyDictionary<string, int> ByUrgency,
    int[][] HeatmapByWeekdayAndHour,
    double? AfterHoursShare,
    double? AverageSatisfaction,
    double? SatisfiedShare,
    int SurveyResponses);
