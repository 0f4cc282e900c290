using NodaTime;
using Permanence.Core.Common;
using Permanence.Core.Quality;

namespace Permanence.Core.Tests.Quality;

/// <summary>A small call log whose figures are worked out by hand in the comments.</summary>
public sealed class KpiCalculatorTests
{
    private static readonly PracticeId Practice = PracticeId.New();
    private static readonly StaffUserId Agent = StaffUserId.New();

    private static KpiCall Call(Instant at, KpiOutcome outcome, int wait, int talk = 0, int hold = 0, int wrapUp = 0, string from = "+33600000001",
        bool inHours = true, string? category = null, string? urgency = null, bool callback = false, int? satisfaction = null) =>
        new(Guid.NewGuid(), Practice, outcome == KpiOutcome.Answered ? Agent : null, "routine", from, at, outcome,
            Duration.FromSeconds(wait), Duration.FromSeconds(talk), Duration.FromSeconds(hold), Duration.FromSeconds(wrapUp),
            inHours, category, urgency, callback, satisfaction);

    // Monday 23 November 2026, Paris is UTC+1.
    private static readonly KpiCall[] Log =
    [
        // 1. 08:59:50, answered after 10 s; handling 120 + 30 + 30 = 180 s; repeat source for call 6.
        Call(Instant.FromUtc(2026, 11, 23, 7, 59, 50), KpiOutcome.Answered, 10, 120, 30, 30, "+33600000001", category: "appointment_book", urgency: "routine", satisfaction: 5),
        // 2. 09:10, hangs up after 2 s: a short abandon.
        Call(Instant.FromUtc(2026, 11, 23, 8, 10), KpiOutcome.Abandoned, 2, from: "+33600000002"),
        // 3. 09:20, same number again, hangs up after 40 s: a long abandon and a repeat call.
        Call(Instant.FromUtc(2026, 11, 23, 8, 20), KpiOutcome.Abandoned, 40, from: "+33600000002"),
        // 4. 09:30, answered after 20 s (outside 15 s); handling 200 + 0 + 40 = 240 s; leaves a callback.
        Call(Instant.FromUtc(2026, 11, 23, 8, 30), KpiOutcome.Answered, 20, 200, 0, 40, "+33600000003", category: "clinical", urgency: "urgent", callback: true, satisfaction: 3),
        // 5. 23:58, after hours, voicemail running past midnight: counted in Monday 23 h.
        Call(Instant.FromUtc(2026, 11, 23, 22, 58), KpiOutcome.Voicemail, 20, 300, from: "+33600000004", inHours: false),
        // 6. Tuesday 08:00, transferred call answered after 5 s; handling 300 s; number of call 1 within 24 h: a repeat.
        Call(Instant.FromUtc(2026, 11, 24, 7, 0), KpiOutcome.Answered, 5, 300, from: "+33600000001", category: "information", urgency: "routine"),
        // 7 and 8. Sunday 25 October 2026, 02:30 twice (before and after the clocks go back): both in Sunday 02 h.
        Call(Instant.FromUtc(2026, 10, 25, 0, 30), KpiOutcome.Voicemail, 20, 30, from: "+33600000005", inHours: false),
        Call(Instant.FromUtc(2026, 10, 25, 1, 30), KpiOutcome.Voicemail, 20, 30, from: "+33600000006", inHours: false),
    ];

    private static readonly KpiReport Report = KpiCalculator.Compute(Log, new KpiOptions(), new SchedulingErrorCount(40, 2));

    [Fact]
    public void Offered_answered_and_pick_up_rate_count_service_hours()
    {
        Report.Offered.ShouldBe(8);
        Report.OfferedInServiceHours.ShouldBe(5);
        Report.Answered.ShouldBe(3);
        Report.PickUpRate!.Value.ShouldBe(0.6, tolerance: 1e-9);
        Report.Missed.ShouldBe(2);
    }

    [Fact]
    public void Service_level_and_abandonment_leave_short_abandons_out()
    {
        Report.AbandonedShort.ShouldBe(1);
        Report.AbandonedLong.ShouldBe(1);
        Report.ServiceLevel!.Value.ShouldBe(0.5, tolerance: 1e-9);
        Report.AbandonmentRate!.Value.ShouldBe(0.25, tolerance: 1e-9);
    }

    [Fact]
    public void Speed_of_answer_and_handling_time_average_answered_calls()
    {
        Report.AverageSpeedOfAnswerSeconds!.Value.ShouldBe(35.0 / 3, tolerance: 1e-9);
        Report.AverageHandlingSeconds!.Value.ShouldBe(240, tolerance: 1e-9);
    }

    [Fact]
    public void Repeat_calls_callbacks_and_scheduling_errors()
    {
        Report.RepeatCallRate!.Value.ShouldBe(0.25, tolerance: 1e-9);
        Report.CallbackRate!.Value.ShouldBe(1.0 / 3, tolerance: 1e-9);
        Report.SchedulingErrorRate!.Value.ShouldBe(0.05, tolerance: 1e-9);
    }

    [Fact]
    public void Withheld_or_unreadable_caller_ids_are_never_repeats_of_one_another()
    {
        // Monday from 09:00 in Paris, a call every five minutes: every pair is well within the 24 h repeat window.
        var at = (int minute) => Instant.FromUtc(2026, 11, 23, 8, minute);
        KpiCall[] log =
        [
            Call(at(0), KpiOutcome.Answered, 5, from: "anonymous"),
            Call(at(5), KpiOutcome.Answered, 5, from: "anonymous"),
            Call(at(10), KpiOutcome.Abandoned, 30, from: "restricted"),
            Call(at(15), KpiOutcome.Abandoned, 30, from: "restricted"),
            Call(at(20), KpiOutcome.Answered, 5, from: ""),
            Call(at(25), KpiOutcome.Answered, 5, from: ""),
            // Kept as the provider typed it, not in E.164 form.
            Call(at(30), KpiOutcome.Answered, 5, from: "06 12 34 56 78"),
            Call(at(35), KpiOutcome.Answered, 5, from: "06 12 34 56 78"),
            Call(at(40), KpiOutcome.Voicemail, 5, from: "+"),
            Call(at(45), KpiOutcome.Voicemail, 5, from: "+"),
            // Twilio's stand-in for ANONYMOUS, in E.164 form.
            Call(at(46), KpiOutcome.Answered, 5, from: "+266696687"),
            Call(at(47), KpiOutcome.Answered, 5, from: "+266696687"),
            // The one caller that can be told apart: their second call is the only repeat.
            Call(at(50), KpiOutcome.Answered, 5, from: "+33612345678"),
            Call(at(55), KpiOutcome.Answered, 5, from: "+33612345678"),
        ];

        var report = KpiCalculator.Compute(log, new KpiOptions());

        report.Offered.ShouldBe(14);
        report.RepeatCallRate!.Value.ShouldBe(1.0 / 14, tolerance: 1e-9);
    }

    [Theory]
    [InlineData("+33612345678", true)]
    [InlineData("+12025550123", true)]
    [InlineData("anonymous", false)]
    [InlineData("restricted", false)]
    [InlineData("", false)]
    [InlineData("+", false)]
    [InlineData("0612345678", false)]
    [InlineData("+33 6 12 34 56 78", false)]
    [InlineData("+٣٣٦١٢٣٤٥٦٧٨", false)]
    [InlineData("+266696687", false)]
    [InlineData("+7378742833", false)]
    [InlineData("+2562533", false)]
    [InlineData("+8656696", false)]
    [InlineData("+86282452253", false)]
    public void Only_a_number_in_e164_form_can_make_a_repeat(string from, bool canRepeat) =>
        RepeatCallers.CanRepeat(from).ShouldBe(canRepeat);

    [Fact]
    public void Mix_by_category_and_urgency_counts_answered_calls()
    {
        Report.ByCategory.ShouldBe(new Dictionary<string, int> { ["appointment_book"] = 1, ["clinical"] = 1, ["information"] = 1 }, ignoreOrder: true);
        Report.ByUrgency.ShouldBe(new Dictionary<string, int> { ["routine"] = 2, ["urgent"] = 1 }, ignoreOrder: true);
    }

    [Fact]
    public void The_heatmap_reads_local_hours_across_midnight_and_the_autumn_change()
    {
        var heatmap = Report.HeatmapByWeekdayAndHour;
        heatmap[0][8].ShouldBe(1);
        heatmap[0][9].ShouldBe(3);
        heatmap[0][23].ShouldBe(1);
        heatmap[1][8].ShouldBe(1);
        heatmap[6][2].ShouldBe(2);
        heatmap.Sum(day => day.Sum()).ShouldBe(8);
    }

    [Fact]
    public void After_hours_share_and_satisfaction()
    {
        Report.AfterHoursShare!.Value.ShouldBe(0.375, tolerance: 1e-9);
        Report.AverageSatisfaction!.Value.ShouldBe(4, tolerance: 1e-9);
        Report.SatisfiedShare!.Value.ShouldBe(0.5, tolerance: 1e-9);
        Report.SurveyResponses.ShouldBe(2);
    }

    [Fact]
    public void An_empty_log_has_no_rates_rather_than_zeros()
    {
        var empty = KpiCalculator.Compute([], new KpiOptions());
        empty.PickUpRate.ShouldBeNull();
        empty.ServiceLevel.ShouldBeNull();
        empty.AverageHandlingSeconds.ShouldBeNull();
        empty.SchedulingErrorRate.ShouldBeNull();
    }
}
