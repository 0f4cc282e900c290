using Microsoft.Extensions.Options;
using NodaTime;
using Permanence.Core.Common;
using Permanence.Core.Quality;
using Permanence.Web.Calls;

namespace Permanence.Web.Quality.Reports;

/// <summary>The figures of one month of the quarter, for the trend charts.</summary>
public sealed record MonthFigures(LocalDate Month, KpiReport Figures);

/// <summary>Everything the quarterly review PDF shows; the PDF only lays it out.</summary>
public sealed record QuarterlyReport(
    string PracticeName,
    Quarter Quarter,
    DateTimeZone Zone,
    Instant GeneratedAt,
    KpiReport Figures,
    IReadOnlyList<MonthFigures> Months,
    IReadOnlyList<StaffingHour> Staffing,
    double HandlingSecondsForStaffing,
    IReadOnlyList<Recommendation> Recommendations,
    KpiOptions Thresholds);

/// <summary>
/// Builds the quarterly review of a practice from its call log: the quarter's figures and each month's, the Erlang C
/// staffing its own arrival profile needs (calls in service hours per hour of the week, averaged over the quarter's
/// weeks, in the practice's zone) and the recommendations <see cref="QuarterlyReview"/> derives from them.
/// </summary>
public sealed class QuarterlyReportBuilder(KpiService kpis, IClock clock, IOptions<QualityOptions> quality)
{
    /// <summary>Handling time assumed for staffing when no call of the quarter was answered.</summary>
    private const double DefaultHandlingSeconds = 180;

    /// <returns>Null when the practice does not exist or is outside the caller's scope.</returns>
    public async Task<QuarterlyReport?> BuildAsync(PracticeId practiceId, Quarter quarter, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(quarter);
        var log = await kpis.PracticeLogAsync(practiceId, zone => ToPeriod(quarter.In(zone)), ct);
        if (log is null)
        {
            return null;
        }
        var zone = log.Practice.TimeZone;
        var options = quality.Value.For(zone);
        var figures = KpiCalculator.Compute([.. log.Calls], options, await kpis.SchedulingErrorsAsync([practiceId], log.Period, ct));
        var months = new List<MonthFigures>(3);
        foreach (var month in quarter.Months)
        {
            var period = ToPeriod((zone.AtStartOfDay(month).ToInstant(), zone.AtStartOfDay(month.PlusMonths(1)).ToInstant()));
            var calls = log.Calls.Where(c => c.RingingAt >= period.From && c.RingingAt < period.To).ToList();
            months.Add(new MonthFigures(month, KpiCalculator.Compute(calls, options, await kpis.SchedulingErrorsAsync([practiceId], period, ct))));
        }
        var handling = figures.AverageHandlingSeconds ?? DefaultHandlingSeconds;
        var profile = ArrivalHistory.CallsPerHourOfWeek(log.Calls.Where(c => c.InServiceHours).Select(c => c.RingingAt), log.Period.From, log.Period.To, zone);
        var staffing = StaffingPlan.Build(profile, handling, options.ServiceLevelThreshold.TotalSeconds, options.ServiceLevelTarget);
        var recommendations = QuarterlyReview.For(figures, staffing, QuarterlyReview.WorkingDays(quarter.FirstDay, quarter.EndDay), options);
        return new QuarterlyReport(log.Practice.Name, quarter, zone, clock.GetCurrentInstant(), figures, months, staffing, handling, recommendations, options);
    }

    private static CallPeriod ToPeriod((Instant From, Instant To) range) => new(range.From, range.To);
}
