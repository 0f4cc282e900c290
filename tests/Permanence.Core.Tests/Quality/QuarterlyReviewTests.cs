using NodaTime;
using Permanence.Core.Common;
using Permanence.Core.Quality;

namespace Permanence.Core.Tests.Quality;

public sealed class QuarterlyReviewTests
{
    private static readonly int[][] EmptyHeatmap = [.. Enumerable.Range(0, 7).Select(_ => new int[24])];

    [Fact]
    public void The_fourth_quarter_runs_from_1_october_to_1_january_in_the_practice_zone()
    {
        var (from, to) = Quarter.Create(2026, 4).Value!.In(DateTimeZoneProviders.Tzdb["Europe/Paris"]);

        from.ShouldBe(Instant.FromUtc(2026, 9, 30, 22, 0)); // summer time
        to.ShouldBe(Instant.FromUtc(2026, 12, 31, 23, 0)); // winter time
    }

    [Theory]
    [InlineData(2026, 5, "quarter")]
    [InlineData(2026, null, "quarter")]
    [InlineData(1999, 1, "year")]
    [InlineData(null, 2, "year")]
    public void A_quarter_outside_1_to_4_or_a_year_outside_the_range_is_a_field_error(int? year, int? quarter, string field)
    {
        var error = Quarter.Create(year, quarter).Error.ShouldBeOfType<ValidationError>();

        error.Fields.Keys.ShouldBe([field]);
    }

    [Fact]
    public void A_service_level_below_target_recommends_the_secretaries_erlang_c_asks_for_at_the_peak()
    {
        var profile = new double[168];
        profile[9] = 30; // Monday 09:00, 30 calls an hour
        var staffing = StaffingPlan.Build(profile, 180);
        var peak = staffing[9].Agents;

        var advice = QuarterlyReview.For(Report(serviceLevel: 0.62, pickUp: 0.9), staffing, workingDays: 64);

        peak.ShouldBeGreaterThan(1);
        var staffingAdvice = advice.Single(a => a.Figure == "service_level").Text;
        staffingAdvice.ShouldContain("62,0 %");
        staffingAdvice.ShouldContain($"il faut {peak} secrétaire(s) au pic (lundi 9 h, 30,0 appels/h)");
        advice.ShouldNotContain(a => a.Figure == "pick_up_rate");
    }

    [Fact]
    public void The_service_level_is_held_to_the_target_of_the_thresholds()
    {
        var profile = new double[168];
        profile[9] = 30;
        var staffing = StaffingPlan.Build(profile, 180, targetServiceLevel: 0.95);
        var report = Report(serviceLevel: 0.9, pickUp: 0.9);

        QuarterlyReview.For(report, staffing, workingDays: 64).ShouldNotContain(a => a.Figure == "service_level");
        QuarterlyReview.For(report, staffing, workingDays: 64, new KpiOptions { ServiceLevelTarget = 0.95 })
            .Single(a => a.Figure == "service_level").Text.ShouldContain("sous l'objectif de 95,0 %");
    }

    [Fact]
    public void A_pick_up_rate_below_the_national_reference_recommends_overflow_cover()
    {
        var advice = QuarterlyReview.For(Report(serviceLevel: 0.9, pickUp: 0.8), StaffingPlan.Build(new double[168], 180), workingDays: 64);

        advice.Single(a => a.Figure == "pick_up_rate").Text.ShouldStartWith("Taux de décroché de 80,0 %, sous la référence nationale de 86,0 %");
    }

    [Fact]
    public void Figures_meeting_every_target_say_so_with_the_volume_guide()
    {
        var advice = QuarterlyReview.For(Report(serviceLevel: 0.9, pickUp: 0.95), StaffingPlan.Build(new double[168], 180), workingDays: 64);

        advice.Select(a => a.Figure).ShouldBe(["all", "volume"]);
        advice[1].Text.ShouldContain("40,0 appels par jour ouvré");
    }

    [Fact]
    public void Working_days_of_a_quarter_count_mondays_to_fridays()
    {
        QuarterlyReview.WorkingDays(new LocalDate(2026, 10, 1), new LocalDate(2027, 1, 1)).ShouldBe(66);
    }

    /// <summary>2,560 calls (40 per working day of 64), 40 survey answers averaging 4.5.</summary>
    private static KpiReport Report(double serviceLevel, double pickUp) => new(
        Offered: 2560, OfferedInServiceHours: 2500, Answered: (int)(2500 * pickUp), PickUpRate: pickUp, ServiceLevel: serviceLevel,
        AverageSpeedOfAnswerSeconds: 12, AbandonedShort: 10, AbandonedLong: 40, AbandonmentRate: 0.016, AverageHandlingSeconds: 180,
        Missed: 2500 - (int)(2500 * pickUp), RepeatCallRate: 0.05, CallbackRate: 0.1, SchedulingErrorRate: 0.01,
        ByCategory: new Dictionary<string, int>(), ByUrgency: new Dictionary<string, int>(), HeatmapByWeekdayAndHour: EmptyHeatmap,
        AfterHoursShare: 0.02, AverageSatisfaction: 4.5, SatisfiedShare: 0.9, SurveyResponses: 40);
}
