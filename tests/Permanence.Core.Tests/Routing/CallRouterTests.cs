using NodaTime;
using Permanence.Core.Practices;
using Permanence.Core.Routing;

namespace Permanence.Core.Tests.Routing;

public sealed class CallRouterTests
{
    private static Practice Practice(string zone = "Europe/Paris", AfterHoursPolicy policy = AfterHoursPolicy.ForwardToOnCall, bool alsace = false)
    {
        var practice = PracticeValidation.Apply(new PracticeInput("Cabinet des Tilleuls", "{practice}, bonjour", "general", zone, null, null,
            "01 42 86 82 00", "01 42 86 82 01", null, "+33612345678", alsace, null, null)).Value!;
        practice.AfterHoursPolicy = policy;
        practice.OpeningHours = [.. new[] { IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday, IsoDayOfWeek.Saturday }
            .Select(d => new OpeningHoursRange { Day = d, Start = new LocalTime(8, 30), End = new LocalTime(19, 0) })];
        return practice;
    }

    private static Instant Paris(int year, int month, int day, int hour, int minute) =>
        new LocalDateTime(year, month, day, hour, minute).InZoneStrictly(DateTimeZoneProviders.Tzdb["Europe/Paris"]).ToInstant();

    [Fact]
    public void An_open_practice_queues_the_call()
    {
        var decision = CallRouter.Decide(Practice(), urgentLine: false, Paris(2026, 11, 24, 10, 0), []);
        decision.Kind.ShouldBe(RouteKind.Queue);
        decision.Reason.ShouldStartWith("open: Tuesday 10:00 Europe/Paris");
    }

    [Fact]
    public void Saturday_night_goes_to_the_on_call_doctor_with_the_reason_stored()
    {
        OnCallShift[] roster = [new(Paris(2026, 11, 28, 19, 0), Paris(2026, 11, 30, 8, 0), "+33600000001", "Dr Moreau")];
        var decision = CallRouter.Decide(Practice(), false, Paris(2026, 11, 28, 21, 40), roster);
        decision.Kind.ShouldBe(RouteKind.ForwardToOnCall);
        decision.ForwardTo.ShouldBe("+33600000001");
        decision.Reason.ShouldBe("after hours: Saturday 21:40 Europe/Paris → on-call Dr Moreau");
    }

    [Fact]
    public void Opening_hours_are_wall_clock_on_both_dst_days()
    {
        var practice = Practice();
        // Monday 30 March 2026 (after spring forward) and Monday 26 October 2026 (after fall back), 08:45 local.
        CallRouter.Decide(practice, false, Paris(2026, 3, 30, 8, 45), []).Kind.ShouldBe(RouteKind.Queue);
        CallRouter.Decide(practice, false, Paris(2026, 10, 26, 8, 45), []).Kind.ShouldBe(RouteKind.Queue);
        CallRouter.Decide(practice, false, Paris(2026, 10, 26, 8, 15), []).Kind.ShouldNotBe(RouteKind.Queue);
    }

    [Fact]
    public void Public_holidays_close_the_practice_including_Alsace_Moselle_ones()
    {
        // Easter Monday 2026 is 6 April; Good Friday 3 April is a holiday in Alsace-Moselle only.
        CallRouter.Decide(Practice(), false, Paris(2026, 4, 6, 10, 0), []).Reason.ShouldStartWith("public holiday");
        CallRouter.Decide(Practice(), false, Paris(2026, 4, 3, 10, 0), []).Kind.ShouldBe(RouteKind.Queue);
        CallRouter.Decide(Practice(alsace: true), false, Paris(2026, 4, 3, 10, 0), []).Reason.ShouldStartWith("public holiday");
    }

    [Fact]
    public void An_overseas_practice_reads_its_own_clock()
    {
        var martinique = Practice("America/Martinique", AfterHoursPolicy.VoicemailToMessage);
        // 13:00 UTC is 09:00 in Fort-de-France: open; 23:30 UTC is 19:30: closed.
        CallRouter.Decide(martinique, false, Instant.FromUtc(2026, 11, 24, 13, 0), []).Kind.ShouldBe(RouteKind.Queue);
        CallRouter.Decide(martinique, false, Instant.FromUtc(2026, 11, 24, 23, 30), []).Kind.ShouldBe(RouteKind.Voicemail);
    }

    [Fact]
    public void The_urgent_line_reaches_the_on_call_doctor_even_when_routine_calls_go_to_voicemail()
    {
        var practice = Practice(policy: AfterHoursPolicy.VoicemailToMessage);
        OnCallShift[] roster = [new(Paris(2026, 11, 24, 19, 0), Paris(2026, 11, 25, 8, 0), "+33600000002", "SOS Médecins")];
        CallRouter.Decide(practice, urgentLine: false, Paris(2026, 11, 24, 22, 0), roster).Kind.ShouldBe(RouteKind.Voicemail);
        CallRouter.Decide(practice, urgentLine: true, Paris(2026, 11, 24, 22, 0), roster).ForwardTo.ShouldBe("+33600000002");
    }

    [Fact]
    public void Overlapping_shifts_are_resolved_by_priority()
    {
        OnCallShift[] roster =
        [
            new(Paris(2026, 11, 24, 19, 0), Paris(2026, 11, 25, 8, 0), "+33600000003", "SOS Médecins", Priority: 2),
            new(Paris(2026, 11, 24, 19, 0), Paris(2026, 11, 24, 23, 0), "+33600000004", "Dr Weber", Priority: 1),
        ];
        OnCallRoster.OnCallAt(roster, Paris(2026, 11, 24, 20, 0))!.Label.ShouldBe("Dr Weber");
        OnCallRoster.OnCallAt(roster, Paris(2026, 11, 24, 23, 30))!.Label.ShouldBe("SOS Médecins");
    }

    [Fact]
    public void Gaps_in_coverage_are_found_before_they_happen()
    {
        OnCallShift[] roster =
        [
            new(Paris(2026, 11, 24, 19, 0), Paris(2026, 11, 24, 23, 0), "+33600000004", "Dr Weber"),
            new(Paris(2026, 11, 25, 2, 0), Paris(2026, 11, 25, 8, 30), "+33600000003", "SOS Médecins"),
        ];
        var gaps = OnCallRoster.Gaps(roster, [(Paris(2026, 11, 24, 19, 0), Paris(2026, 11, 25, 8, 30))]);
        gaps.ShouldBe([new CoverageGap(Paris(2026, 11, 24, 23, 0), Paris(2026, 11, 25, 2, 0))]);
    }
}
